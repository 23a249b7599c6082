package pipeline

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/rushes/rushes/media"
	"github.com/rushes/rushes/organize"
	"github.com/rushes/rushes/probe"
)

// roleByExt says which files travel with a clip rather than being one.
var roleByExt = map[string]string{
	".xml": "sidecar", ".srt": "sidecar", ".lrf": "proxy", ".lrv": "proxy", ".thm": "thumbnail",
	".jpg": "thumbnail", ".bim": "sidecar", ".cpi": "sidecar", ".mpl": "sidecar", ".rmd": "sidecar",
}

func roleOf(path string) string {
	if r := roleByExt[strings.ToLower(filepath.Ext(path))]; r != "" {
		return r
	}
	return "media"
}

// PlannedClip is the files of one recording, its main media file first.
// They travel together: one folder, one catalog entry.
type PlannedClip struct {
	Key   string
	Files []Planned
}

// plan probes every source (in parallel), groups the files of each
// recording into a clip, and gives every file its place, saying why.
func (p *Pipeline) plan(ctx context.Context, sources []Source) ([]PlannedClip, error) {
	targets := make([]probe.Target, len(sources))
	for i, s := range sources {
		targets[i] = probe.Target{Path: s.Path, Root: s.Root}
	}
	prober := p.opts.Prober
	if prober == nil {
		prober = &probe.Prober{Location: p.opts.Location}
	}
	results := prober.Files(ctx, targets, 0)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	facts := make([]media.Facts, len(sources))
	for i, s := range sources {
		facts[i] = results[i].Facts
		if err := results[i].Err; err != nil {
			// Unopenable now: offloading will say why; place it by name.
			facts[i].Warn(err.Error())
			facts[i].ShotAt = s.Mtime
			facts[i].Set("date", media.FromFileMtime)
		}
	}
	groups := groupRecordings(sources, facts)
	mains := make([]media.Facts, len(groups))
	days := make([]string, len(groups))
	for gi, g := range groups {
		mains[gi] = facts[g[0]]
		if mains[gi].Camera == "" {
			p.cameraFromConfig(&mains[gi])
		}
		days[gi] = organize.ShootingDay(mains[gi].ShotAt, p.opts.Location, p.opts.DayStarts)
	}
	if err := p.matchPlanned(ctx, sources, groups, mains, days); err != nil {
		return nil, err
	}
	var out []PlannedClip
	for gi, g := range groups {
		pc, err := p.placeClip(sources, facts, g, mains[gi], days[gi])
		if err != nil {
			return nil, err
		}
		out = append(out, pc)
	}
	return out, p.keepStructures(out)
}

// groupRecordings returns, in source order, the indexes of the files of
// each recording: same card and same clip key. The main media file comes
// first: the first file whose role is media (chapter 01, span 001, track 1).
func groupRecordings(sources []Source, facts []media.Facts) [][]int {
	index := map[string]int{}
	var groups [][]int
	for i, s := range sources {
		key := s.Path
		if facts[i].ClipKey != "" {
			key = cardOf(s.Root, s.Path) + "\x00" + facts[i].ClipKey
		}
		g, ok := index[key]
		if !ok {
			g = len(groups)
			index[key] = g
			groups = append(groups, nil)
		}
		groups[g] = append(groups[g], i)
	}
	for _, g := range groups {
		for j, i := range g {
			if roleOf(sources[i].Path) == "media" {
				g[0], g[j] = g[j], g[0]
				break
			}
		}
	}
	return groups
}

// placeClip places every file of one recording in the folder its main
// file's facts decide.
func (p *Pipeline) placeClip(sources []Source, facts []media.Facts, g []int, main media.Facts, day string) (PlannedClip, error) {
	pc := PlannedClip{Key: sources[g[0]].Path}
	for _, i := range g {
		s := sources[i]
		rel := p.opts.Layout.Render(organize.Values{
			Date: day, Scene: main.Scene, Take: main.Take, Camera: main.Camera, Reel: main.Reel,
			Card: s.Card, Kind: string(main.Kind), Name: filepath.Base(s.Path),
		})
		dest, err := organize.Within(p.opts.Library, rel)
		if err != nil {
			return pc, err
		}
		f := facts[i]
		if i == g[0] {
			f = main
		}
		pc.Files = append(pc.Files, Planned{Source: s, Dest: dest, Facts: f, Day: day, Role: roleOf(s.Path), Reason: reasons(main, day)})
	}
	return pc, nil
}

// cameraFromConfig names the camera from the configured serial or model
// table, else the model; sound recorders are "sound".
func (p *Pipeline) cameraFromConfig(f *media.Facts) {
	if p.opts.CameraLetter != nil {
		for _, k := range []string{f.Serial, f.Model} {
			if l, ok := p.opts.CameraLetter(k); k != "" && ok {
				f.Camera = l
				f.Set("camera", "config")
				return
			}
		}
	}
	if f.Kind == media.KindAudio {
		f.Camera = "sound"
		f.Set("camera", "kind")
		return
	}
	if f.Model != "" {
		f.Camera = f.Model
		f.Set("camera", f.Provenance["model"])
	}
}

// reasons says, for a dry run and `rushes show`, which source decided each part of the place.
func reasons(f media.Facts, day string) map[string]string {
	r := map[string]string{}
	say := func(k, v string) {
		if v == "" {
			r[k] = "none found"
			return
		}
		r[k] = fmt.Sprintf("%s (from %s)", v, f.Provenance[k])
	}
	say("date", day)
	say("scene", f.Scene)
	say("take", f.Take)
	say("camera", f.Camera)
	return r
}
