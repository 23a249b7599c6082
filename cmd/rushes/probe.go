package main

import (
	"fmt"
	"io"
	"strconv"

	"github.com/rushes/rushes/organize"
	"github.com/rushes/rushes/pipeline"
	"github.com/rushes/rushes/probe"
	"github.com/spf13/cobra"
)

func (a *app) probeCmd() *cobra.Command {
	var out formatFlags
	var noFFprobe bool
	cmd := &cobra.Command{
		Use:   "probe PATH...",
		Short: "Print the metadata rushes reads from files, without ingesting",
		Long: `Read each file (folders are walked) the way "rushes ingest" does and print its
facts: shooting day, timecode, rate, duration, codec, size, sound format,
scene, take, camera, reel, where each fact came from, and what could not be
read. Unreadable metadata is a warning (exit 0); a path that does not exist
or cannot be opened is an error (exit 1). ffprobe is used for formats rushes
does not read itself when it is installed.`,
		Example: `  rushes probe /media/card/PRIVATE/M4ROOT/CLIP/C0001.MP4
  rushes probe --json SOUND_DAY3/ | jq '.[] | {path, scene, take, tc_start}'`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			format, cfg, err := a.prepare(cmd, &out)
			if err != nil {
				return err
			}
			patterns, err := cfg.Regexps()
			if err != nil {
				return err
			}
			sources, _, err := pipeline.Walk(cmd.Context(), args, "", cfg.Ignore)
			if err != nil {
				return err
			}
			p := &probe.Prober{Patterns: patterns, Location: cfg.Timezone}
			if !noFFprobe {
				p.FFprobe = probe.LookFFprobe()
			}
			targets := make([]probe.Target, len(sources))
			for i, s := range sources {
				targets[i] = probe.Target{Path: s.Path, Root: s.Root}
			}
			var reports []probe.Report
			var failed int
			for _, r := range p.Files(cmd.Context(), targets, 0) {
				if r.Err != nil {
					printError(a.stderr, r.Err)
					failed++
					continue
				}
				day := organize.ShootingDay(r.Facts.ShotAt, cfg.Timezone, cfg.DayStart)
				reports = append(reports, probe.NewReport(r.Facts, day))
			}
			if err := printReports(a.stdout, format, reports); err != nil {
				return err
			}
			if failed > 0 {
				return fmt.Errorf("%d files could not be opened", failed)
			}
			return nil
		},
	}
	out.register(cmd)
	cmd.Flags().BoolVar(&noFFprobe, "no-ffprobe", false, "never run ffprobe, even when it is installed")
	return cmd
}

func printReports(w io.Writer, format string, reports []probe.Report) error {
	if format == "json" {
		if reports == nil {
			reports = []probe.Report{}
		}
		return writeJSON(w, reports)
	}
	t := table{header: []string{"PATH", "KIND", "DATE", "SCENE", "TAKE", "CAMERA", "REEL", "TC START", "FPS", "DURATION", "CODEC", "SIZE", "WARNINGS"}}
	if format == "csv" {
		t.header = []string{"path", "kind", "date", "scene", "take", "camera", "reel", "tc_start", "fps", "duration_s", "codec", "width", "height", "warnings"}
	}
	for _, r := range reports {
		if format == "csv" {
			t.rows = append(t.rows, []string{r.Path, r.Kind, deref(r.Date), deref(r.Scene), deref(r.Take), deref(r.Camera),
				deref(r.Reel), deref(r.TCStart), fnum(r.FPS), fnum(r.DurationS), deref(r.Codec), inum(r.Width), inum(r.Height),
				strconv.Itoa(len(r.Warnings))})
			continue
		}
		size := "-"
		if r.Width != nil && r.Height != nil {
			size = fmt.Sprintf("%dx%d", *r.Width, *r.Height)
		}
		dur := 0.0
		if r.DurationS != nil {
			dur = *r.DurationS
		}
		t.rows = append(t.rows, []string{r.Path, r.Kind, orDash(deref(r.Date)), orDash(deref(r.Scene)), orDash(deref(r.Take)),
			orDash(deref(r.Camera)), orDash(deref(r.Reel)), orDash(deref(r.TCStart)), orDash(fnum(r.FPS)), clock(dur),
			orDash(deref(r.Codec)), size, strconv.Itoa(len(r.Warnings))})
	}
	if format == "csv" {
		return t.writeCSV(w)
	}
	return t.writeTable(w)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func fnum(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', -1, 64)
}

func inum(n *int) string {
	if n == nil {
		return ""
	}
	return strconv.Itoa(*n)
}
