package main

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"github.com/rushes/rushes/catalog"
	"github.com/rushes/rushes/config"
	"github.com/rushes/rushes/organize"
	"github.com/rushes/rushes/pipeline"
	"github.com/rushes/rushes/probe"
	"github.com/spf13/cobra"
)

func (a *app) ingestCmd() *cobra.Command {
	var dryRun, verifySource bool
	var inFlight int
	cmd := &cobra.Command{
		Use:   "ingest PATH...",
		Short: "Offload cards or folders into the library with verified copies",
		Long: `Copy every file under each PATH into the library, hashing while copying,
flushing to disk and verifying by reading the copy back, then record it in
the catalog. The source is only ever read. Files already offloaded are not
copied again. Exit status 1 if any file could not be verified.`,
		Example: `  rushes ingest /media/$USER/A001
  rushes ingest --library /mnt/raid/show ./cards/*
  rushes ingest --dry-run /media/$USER/SOUND_D3`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := a.config(cmd)
			if err != nil {
				return err
			}
			opts, err := ingestOptions(cfg, dryRun)
			if err != nil {
				return err
			}
			opts.VerifySource = verifySource
			if inFlight < 0 {
				return usagef("--in-flight: must be 1 or more, got %d", inFlight)
			}
			opts.InFlight = inFlight
			if dryRun { // a dry run writes nothing: the catalog, if there is one, is only read
				c, err := a.openCatalog(cmd.Context(), cfg, true)
				if errors.Is(err, catalog.ErrNoCatalog) {
					c, err = nil, nil
				}
				if err != nil {
					return err
				}
				if c != nil {
					defer c.Close()
				}
				sum, err := pipeline.New(opts, c, a.logger(cfg), nil).Run(cmd.Context(), args)
				printPlan(a.stdout, sum)
				return err
			}
			c, err := a.openCatalog(cmd.Context(), cfg, false)
			if err != nil {
				return err
			}
			defer c.Close()
			obs := newProgress(a.stderr)
			sum, err := pipeline.New(opts, c, a.logger(cfg), obs).Run(cmd.Context(), args)
			obs.close()
			printSummary(a.stdout, sum, err, cfg.Library, args)
			if err == nil && sum.Failed > 0 {
				err = fmt.Errorf("%d of %d files not offloaded (listed above); run the same command again to retry them", sum.Failed, sum.Files)
			}
			return err
		},
	}
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "print where each file would go, and why; write nothing")
	cmd.Flags().BoolVar(&verifySource, "verify-source", false, "also re-read each source after copying and compare (catches a failing card or reader)")
	cmd.Flags().IntVar(&inFlight, "in-flight", pipeline.DefaultInFlight, fmt.Sprintf("large files (16 MiB and up) read at once from one source device (a file counts until its source is read, not while its copies are verified); small ones may run %dx as many", pipeline.SmallPerLarge))
	config.RegisterKeyFlags(cmd.Flags(), "backups")
	return cmd
}

func ingestOptions(cfg *config.Config, dryRun bool) (pipeline.Options, error) {
	layout, err := organize.ParseLayout(cfg.Layout)
	if err != nil {
		return pipeline.Options{}, &config.Error{Key: "layout", Value: cfg.Layout, Problem: err.Error()}
	}
	patterns, err := cfg.Regexps()
	if err != nil {
		return pipeline.Options{}, err
	}
	prober := &probe.Prober{Patterns: patterns, Location: cfg.Timezone, FFprobe: probe.LookFFprobe()}
	return pipeline.Options{
		Library: cfg.Library, Layout: layout, Hash: cfg.Hash, Backups: cfg.Backups,
		Ignore: cfg.Ignore, Location: cfg.Timezone, DayStarts: cfg.DayStart, DryRun: dryRun,
		Prober: prober, CameraLetter: cfg.CameraLetter, Move: cfg.Mode == config.ModeMove, Version: version,
		MinOverlap: cfg.MinOverlap.Seconds(),
	}, nil
}

// printSummary says what a run did. SAFE is said only when every file is
// verified on every destination and recorded, and the run as a whole
// (catalog, manifests) succeeded: runErr keeps it unsaid.
func printSummary(w io.Writer, s pipeline.Summary, runErr error, library string, paths []string) {
	for _, f := range s.Failures {
		fmt.Fprintf(w, "FAILED  %s: %s\n", termSafe(f.Path), termSafe(fmt.Sprint(f.Err)))
	}
	printSkipped(w, s.Skipped)
	if len(s.Warnings) > 0 {
		fmt.Fprintf(w, "%d metadata warnings: the files are offloaded all the same, their place may be less precise\n", len(s.Warnings))
		for _, wn := range s.Warnings {
			fmt.Fprintf(w, "WARNING %s: %s\n", termSafe(wn.Path), termSafe(wn.Text))
		}
	}
	if s.RunID != 0 || runErr == nil { // a run refused before it began copied nothing: no counts to give
		fmt.Fprintf(w, "%d files: %d copied and verified (%s), %d already in the library, %d failed; library %s\n",
			s.Files, s.Copied, humanBytes(s.Bytes), s.Known, s.Failed, termSafe(library))
	}
	for _, r := range s.Renamed {
		fmt.Fprintf(w, "renamed: %s -> %s (%s holds other content)\n", termSafe(r.Source), termSafe(r.Final), termSafe(filepath.Base(r.Planned)))
	}
	for _, m := range s.Moved {
		fmt.Fprintf(w, "moved by timecode match: %s -> %s\n", termSafe(m.From), termSafe(m.To))
	}
	for _, m := range s.Manifest {
		fmt.Fprintf(w, "ASC MHL: %s\n", termSafe(m))
	}
	switch {
	case runErr != nil:
		fmt.Fprintf(w, "RUN FAILED, do not format the card: %s\n", termSafe(runErr.Error()))
	case s.Files == 0 && s.Failed == 0:
		fmt.Fprintf(w, "WARNING: nothing to offload in %s: no files found (an empty card, or every file skipped); check the path\n", termSafe(strings.Join(paths, ", ")))
	case s.Failed == 0:
		fmt.Fprintf(w, "SAFE: all %d files are verified on every destination (library and backups)\n", s.Files)
	}
}

// printSkipped names what the walk left out that a loader should know of:
// links, pipes, devices (junk names like .DS_Store are not worth a line;
// unreadable folders are failures, printed above).
func printSkipped(w io.Writer, skipped []pipeline.Skipped) {
	var named []string
	for _, sk := range skipped {
		if !sk.Junk() && sk.Err == nil {
			named = append(named, fmt.Sprintf("%s (%s)", termSafe(sk.Path), sk.Reason))
		}
	}
	if len(named) > 0 {
		fmt.Fprintf(w, "%d skipped: %s\n", len(named), strings.Join(named, ", "))
	}
}

func printPlan(w io.Writer, s pipeline.Summary) {
	for _, pc := range s.Plan {
		main := pc.Files[0]
		fmt.Fprintf(w, "%s\n", termSafe(main.Path))
		for _, f := range pc.Files {
			fmt.Fprintf(w, "  %-9s -> %s\n", f.Role, termSafe(f.Dest))
		}
		keys := make([]string, 0, len(main.Reason))
		for k := range main.Reason {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Fprintf(w, "     %s: %s\n", k, termSafe(main.Reason[k]))
		}
	}
	fmt.Fprintf(w, "dry run: %d clips, %d files planned, nothing written\n", len(s.Plan), s.Files)
}
