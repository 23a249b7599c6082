package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/rushes/rushes/catalog"
	"github.com/rushes/rushes/export"
	"github.com/rushes/rushes/media"
	"github.com/spf13/cobra"
)

type exportFlags struct {
	format, output, root, fcpxmlVersion, event string
	fps                                        float64
}

func (a *app) exportCmd() *cobra.Command {
	var ff filterFlags
	var ef exportFlags
	cmd := &cobra.Command{
		Use:   "export --format csv|json|ale|fcpxml [filters] [-o FILE]",
		Short: "Export clip lists for Avid (ALE), Final Cut Pro and Resolve (FCPXML), or as CSV/JSON",
		Long: `Write the selected clips (same filters as "rushes clips") in a format an editing
system imports: an Avid Log Exchange (ALE) with scene, take, tape, camera,
start/end timecode at each clip's rate and circled takes; an FCPXML event with
one asset per clip, keyed by scene; or CSV/JSON with every field. Warnings
(mixed frame rates, clips without timecode) go to stderr.`,
		Example: `  rushes export --format ale --date 2026-11-02 -o day3.ale
  rushes export --format fcpxml --scene 47B --root /Volumes/RUSHES -o 47B.fcpxml
  rushes export --format csv --circled > circled.csv`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			write, err := exporter(ef, a.stderr)
			if err != nil {
				return err
			}
			cfg, err := a.config(cmd)
			if err != nil {
				return err
			}
			var clips []catalog.Clip
			cat, ok, err := a.queryCatalog(cmd.Context(), cfg)
			if err != nil {
				return err
			}
			if ok {
				defer cat.Close()
				if clips, err = cat.Clips(cmd.Context(), ff.f); err != nil {
					return err
				}
			}
			if ef.output == "" || ef.output == "-" {
				return write(a.stdout, clips)
			}
			if err := writeFileAtomic(ef.output, func(w io.Writer) error { return write(w, clips) }); err != nil {
				return err
			}
			fmt.Fprintf(a.stderr, "%d clips written to %s\n", len(clips), termSafe(ef.output))
			return nil
		},
	}
	ff.register(cmd)
	f := cmd.Flags()
	f.StringVar(&ef.format, "format", "", "csv, json, ale or fcpxml (required)")
	f.StringVarP(&ef.output, "output", "o", "", "write to FILE instead of standard output")
	f.Float64Var(&ef.fps, "fps", 0, "project frame rate (e.g. 23.976) when the clips carry none or disagree")
	f.StringVar(&ef.root, "root", "", "the library as the editing machine mounts it, for file paths and URLs (default: the library path)")
	f.StringVar(&ef.fcpxmlVersion, "fcpxml-version", "1.10", "FCPXML version: 1.9, 1.10 or 1.11")
	f.StringVar(&ef.event, "event", "", "FCPXML event name (default: rushes)")
	return cmd
}

// exporter returns the writer for the chosen format, with its options.
func exporter(ef exportFlags, stderr io.Writer) (func(io.Writer, []catalog.Clip) error, error) {
	warn := func(msg string) { fmt.Fprintln(stderr, "rushes: warning:", termSafe(msg)) }
	rate := media.RateFromFloat(ef.fps)
	switch ef.format {
	case "csv":
		return export.CSV, nil
	case "json":
		return export.JSON, nil
	case "ale":
		return func(w io.Writer, c []catalog.Clip) error {
			return export.ALE(w, c, export.ALEOptions{FPS: rate, LibraryRoot: ef.root, Warn: warn})
		}, nil
	case "fcpxml":
		switch ef.fcpxmlVersion {
		case "1.9", "1.10", "1.11":
		default:
			return nil, usagef("--fcpxml-version: unknown value %q (allowed: 1.9, 1.10, 1.11)", ef.fcpxmlVersion)
		}
		return func(w io.Writer, c []catalog.Clip) error {
			return export.FCPXML(w, c, export.FCPXMLOptions{Version: ef.fcpxmlVersion, EventName: ef.event,
				LibraryRoot: ef.root, FPS: rate, Warn: warn})
		}, nil
	case "":
		return nil, usagef("--format is required (allowed: csv, json, ale, fcpxml)")
	}
	return nil, usagef("--format: unknown value %q (allowed: csv, json, ale, fcpxml)", ef.format)
}

// writeFileAtomic writes path through a temporary file in its folder, so an
// editor never opens half an export.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	err = write(tmp)
	err = errors.Join(err, tmp.Sync(), tmp.Close())
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
