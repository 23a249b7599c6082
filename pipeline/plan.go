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

// plan probes every source (in parallel) and gives it its place in the
// library, saying why.
func (p *Pipeline) plan(ctx context.Context, sources []Source) ([]Planned, error) {
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
	out := make([]Planned, 0, len(sources))
	for i, s := range sources {
		f := results[i].Facts
		if err := results[i].Err; err != nil {
			// Unopenable now: offloading will say why; place it by name.
			f.Warn(err.Error())
			f.ShotAt = s.Mtime
			f.Set("date", media.FromFileMtime)
		}
		pl, err := p.place(s, f)
		if err != nil {
			return nil, err
		}
		out = append(out, pl)
	}
	return out, nil
}

// place decides a file's clip facts and library path from its probed facts.
func (p *Pipeline) place(s Source, f media.Facts) (Planned, error) {
	if f.Camera == "" {
		p.cameraFromConfig(&f)
	}
	day := organize.ShootingDay(f.ShotAt, p.opts.Location, p.opts.DayStarts)
	rel := p.opts.Layout.Render(organize.Values{
		Date: day, Scene: f.Scene, Take: f.Take, Camera: f.Camera, Reel: f.Reel,
		Card: s.Card, Kind: string(f.Kind), Name: filepath.Base(s.Path),
	})
	dest, err := organize.Within(p.opts.Library, rel)
	if err != nil {
		return Planned{}, err
	}
	return Planned{Source: s, Dest: dest, Facts: f, Day: day, Role: roleOf(s.Path), Reason: reasons(f, day)}, nil
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
