package pipeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/rushes/rushes/catalog"
	"github.com/rushes/rushes/media"
	"github.com/rushes/rushes/organize"
)

// DefaultMinOverlap is the shortest timecode overlap, in seconds, that
// lets a sound take name a picture clip's scene.
const DefaultMinOverlap = 1.0

// matchDays gives picture clips without a scene the scene and take of the
// sound take whose timecode overlaps them most, on each shooting day the
// run touched, whichever card arrived first. A clip whose scene changes
// moves to its new place in the library.
func (p *Pipeline) matchDays(ctx context.Context, days []string) ([]catalog.Move, error) {
	var moved []catalog.Move
	for _, day := range days {
		pictures, sounds, err := p.cat.MatchCandidates(ctx, day)
		if err != nil {
			return moved, err
		}
		spans := make([]organize.Span, len(sounds))
		for i, s := range sounds {
			spans[i], _ = spanOf(s.TCStart, s.Rate, s.Duration)
		}
		for _, pic := range pictures {
			span, ok := spanOf(pic.TCStart, pic.Rate, pic.Duration)
			if !ok || inStructure(pic.LibraryPath) {
				continue
			}
			i, ok := organize.BestTake(span, spans, p.minOverlap())
			if !ok || (sameText(pic.Scene, sounds[i].Scene) && sameText(pic.Take, sounds[i].Take)) {
				continue
			}
			moves, err := p.relocate(ctx, pic, sounds[i])
			if err != nil {
				return moved, err
			}
			moved = append(moved, moves...)
		}
	}
	return moved, nil
}

func (p *Pipeline) minOverlap() float64 {
	if p.opts.MinOverlap > 0 {
		return p.opts.MinOverlap
	}
	return DefaultMinOverlap
}

func sameText(a, b string) bool { return strings.EqualFold(a, b) }

// spanOf is a clip's timecode range in seconds since midnight, read from
// the timecode's label: jam-synced devices show the same label at the same
// moment, whatever their rates, so labels are what compare.
func spanOf(tc string, rate media.Rate, duration float64) (organize.Span, bool) {
	if _, ok := media.ParseTimecode(tc, rate); !ok || duration <= 0 {
		return organize.Span{}, false
	}
	var h, m, s, f float64
	fmt.Sscanf(tc[:8], "%2f:%2f:%2f", &h, &m, &s)
	fmt.Sscanf(tc[9:], "%2f", &f)
	start := h*3600 + m*60 + s + f/float64(rate.Nominal())
	return organize.Span{Start: start, End: start + duration}, true
}

// relocate gives pic the scene and take of sound and moves its files to the
// place the layout gives them now: recorded first, renamed, then the
// catalog updated.
func (p *Pipeline) relocate(ctx context.Context, pic, sound catalog.Clip) ([]catalog.Move, error) {
	prov := map[string]string{}
	for k, v := range pic.Provenance {
		prov[k] = v
	}
	prov["scene"], prov["take"] = media.FromTimecodeMatch, media.FromTimecodeMatch
	prov["scene_from_clip"] = fmt.Sprintf("%s (id %d)", sound.Name, sound.ID)
	r := catalog.Relocation{ClipID: pic.ID, Scene: sound.Scene, Take: sound.Take, Provenance: prov}
	taken := map[string]bool{}
	for _, f := range pic.Files {
		rel := p.opts.Layout.Render(organize.Values{Date: pic.Date, Scene: sound.Scene, Take: sound.Take,
			Camera: pic.Camera, Reel: pic.Reel, Card: pic.Card, Kind: string(pic.Kind), Name: filepath.Base(f.Path)})
		to, err := organize.Within(p.opts.Library, rel)
		if err != nil {
			return nil, err
		}
		if to == f.Path {
			continue
		}
		to = freeName(to, taken)
		taken[to] = true
		r.Moves = append(r.Moves, catalog.Move{From: f.Path, To: to})
	}
	if err := p.cat.BeginRelocation(ctx, r); err != nil {
		return nil, err
	}
	if err := moveFiles(r.Moves); err != nil {
		return nil, fmt.Errorf("move %s to scene %s: %w", pic.Name, sound.Scene, err)
	}
	p.moveOnBackups(r.Moves)
	p.log.Info("scene from timecode match: clip moved", "clip", pic.Name, "scene", sound.Scene, "take", sound.Take, "sound", sound.Name)
	return r.Moves, p.cat.FinishRelocation(ctx, pic.ID)
}

// moveOnBackups makes the same moves on every backup that holds the files,
// so that a backup stays a mirror of the library. A backup without the
// file (it was added later) is left alone; one that cannot be moved is a
// warning, not a failure of the library's move: its history still knows the
// file where it is.
func (p *Pipeline) moveOnBackups(moves []catalog.Move) {
	for _, b := range p.opts.Backups {
		var mirrored []catalog.Move
		for _, m := range moves {
			from, errF := p.mirror(b, m.From)
			to, errT := p.mirror(b, m.To)
			if errF != nil || errT != nil {
				continue
			}
			if !exists(from) && !exists(to) {
				continue // this backup never received the file
			}
			mirrored = append(mirrored, catalog.Move{From: from, To: to})
		}
		if err := moveFiles(mirrored); err != nil {
			p.log.Warn("could not move a backup's copy with the library's; it stays where it was", "backup", b, "err", err)
		}
	}
}

// mirror is a library path's place on a backup.
func (p *Pipeline) mirror(backup, libPath string) (string, error) {
	rel, err := filepath.Rel(p.opts.Library, libPath)
	if err != nil {
		return "", err
	}
	return organize.Within(backup, filepath.ToSlash(rel))
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// recoverRelocations finishes the moves a killed run began.
func (p *Pipeline) recoverRelocations(ctx context.Context) error {
	pending, err := p.cat.PendingRelocations(ctx)
	if err != nil {
		return err
	}
	for _, r := range pending {
		if err := moveFiles(r.Moves); err != nil {
			return fmt.Errorf("finish moving clip %d: %w", r.ClipID, err)
		}
		p.moveOnBackups(r.Moves)
		if err := p.cat.FinishRelocation(ctx, r.ClipID); err != nil {
			return err
		}
	}
	return nil
}

// touchedDays are the shooting days of a plan, sorted.
func touchedDays(plan []PlannedClip) []string {
	seen := map[string]bool{}
	var days []string
	for _, pc := range plan {
		if d := pc.Files[0].Day; d != "" && !seen[d] {
			seen[d] = true
			days = append(days, d)
		}
	}
	sort.Strings(days)
	return days
}
