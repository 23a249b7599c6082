package pipeline

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/rushes/rushes/media"
	"github.com/rushes/rushes/organize"
)

// soundTake is a sound take a picture clip may take its scene from: one
// already catalogued, or one in the same plan.
type soundTake struct {
	name        string
	scene, take string
	span        organize.Span
}

// matchPlanned gives each picture recording of the plan that has no scene
// the scene and take of the sound take (catalogued already, or arriving in
// this plan) whose timecode overlaps it most on its shooting day, before a
// byte is copied: a clip is placed once, where it stays, and the dry run
// shows that place. mains and days are the recordings' main facts and
// shooting days, changed in place. The catalog is only read; a dry run
// without a catalog matches within the plan alone.
func (p *Pipeline) matchPlanned(ctx context.Context, sources []Source, groups [][]int, mains []media.Facts, days []string) error {
	takes := map[string][]soundTake{} // day -> sound takes
	for gi, g := range groups {
		f := mains[gi]
		if t, ok := plannedTake(f, sources[g[0]].Path); ok {
			takes[days[gi]] = appendTake(takes[days[gi]], t)
		}
	}
	asked := map[string]bool{}
	for gi, g := range groups {
		f := &mains[gi]
		span, ok := factsSpan(*f)
		if f.Kind != media.KindVideo || f.Scene != "" || !ok {
			continue
		}
		if _, inside := structureRoot(sources[g[0]].Root, sources[g[0]].Path); inside {
			continue // a kept-whole structure is never split by scene
		}
		day := days[gi]
		if !asked[day] && p.cat != nil {
			asked[day] = true
			_, sounds, err := p.cat.MatchCandidates(ctx, day)
			if err != nil {
				return fmt.Errorf("timecode match for %s: %w", day, err)
			}
			for _, s := range sounds {
				if sp, ok := spanOf(s.TCStart, s.Rate, s.Duration); ok {
					takes[day] = appendTake(takes[day], soundTake{name: s.Name, scene: s.Scene, take: s.Take, span: sp})
				}
			}
		}
		spans := make([]organize.Span, len(takes[day]))
		for i, t := range takes[day] {
			spans[i] = t.span
		}
		i, ok := organize.BestTake(span, spans, p.minOverlap())
		if !ok {
			continue
		}
		t := takes[day][i]
		f.Scene, f.Take = t.scene, t.take
		f.Set("scene", media.FromTimecodeMatch)
		f.Set("take", media.FromTimecodeMatch)
		f.Set("scene_from_clip", t.name)
	}
	return nil
}

// plannedTake is a planned recording as a sound take, if it is one with a
// scene and a timecode range.
func plannedTake(f media.Facts, path string) (soundTake, bool) {
	span, ok := factsSpan(f)
	if f.Kind != media.KindAudio || f.Scene == "" || !ok {
		return soundTake{}, false
	}
	return soundTake{name: filepath.Base(path), scene: f.Scene, take: f.Take, span: span}, true
}

// appendTake adds t unless the same take is there already (a sound card
// catalogued before and dropped again with the picture): twins would tie.
func appendTake(ts []soundTake, t soundTake) []soundTake {
	for _, have := range ts {
		if have.span == t.span && sameText(have.scene, t.scene) && sameText(have.take, t.take) {
			return ts
		}
	}
	return append(ts, t)
}

func factsSpan(f media.Facts) (organize.Span, bool) {
	if f.TCStart == nil {
		return organize.Span{}, false
	}
	return spanOf(f.TCStart.String(), f.Rate, f.Duration.Seconds())
}
