package main

import (
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/rushes/rushes/catalog"
	"github.com/rushes/rushes/export"
	"github.com/spf13/cobra"
)

// filterFlags are the clip filters shared by clips, export and verify.
type filterFlags struct {
	f        catalog.Filter
	ng, noNG bool
}

// register adds the filter flags to cmd, checked before it runs.
func (ff *filterFlags) register(cmd *cobra.Command) {
	cmd.PreRunE = func(*cobra.Command, []string) error { return ff.check() }
	fs := cmd.Flags()
	fs.StringVar(&ff.f.Scene, "scene", "", "scene (case-insensitive), e.g. 12 or 47B")
	fs.StringVar(&ff.f.Take, "take", "", "take")
	fs.StringVar(&ff.f.Date, "date", "", "shooting day YYYY-MM-DD")
	fs.StringVar(&ff.f.From, "from", "", "first shooting day YYYY-MM-DD")
	fs.StringVar(&ff.f.To, "to", "", "last shooting day YYYY-MM-DD")
	fs.StringVar(&ff.f.Camera, "camera", "", "camera letter or name")
	fs.StringVar(&ff.f.Reel, "reel", "", "reel or tape")
	fs.StringVar(&ff.f.Kind, "kind", "", "video or audio")
	fs.StringVar(&ff.f.Search, "search", "", "full text over names, scenes, notes, tags and source paths")
	fs.BoolVar(&ff.f.Circled, "circled", false, "circled takes only")
	fs.IntVar(&ff.f.MinRating, "min-rating", 0, "rated at least N (1-5)")
	fs.BoolVar(&ff.ng, "ng", false, "NG clips only")
	fs.BoolVar(&ff.noNG, "no-ng", false, "leave NG clips out")
	fs.StringVar(&ff.f.Tag, "tag", "", "clips with this tag")
	fs.StringVar(&ff.f.Sort, "sort", "", "sort by "+strings.Join(catalog.SortKeys(), "|"))
	fs.IntVar(&ff.f.Limit, "limit", 0, "at most this many clips")
}

func (ff *filterFlags) check() error {
	for flag, v := range map[string]string{"--date": ff.f.Date, "--from": ff.f.From, "--to": ff.f.To} {
		if v != "" && !isDay(v) {
			return usagef("%s: %q is not a day (use YYYY-MM-DD, e.g. 2026-11-02)", flag, v)
		}
	}
	if k := ff.f.Kind; k != "" && k != "video" && k != "audio" && k != "other" {
		return usagef("--kind: unknown value %q (allowed: video, audio, other)", k)
	}
	if ff.ng && ff.noNG {
		return usagef("--ng and --no-ng exclude each other")
	}
	if ff.ng || ff.noNG {
		ng := ff.ng
		ff.f.NG = &ng
	}
	if ff.f.MinRating < 0 || ff.f.MinRating > 5 {
		return usagef("--min-rating: must be 0 to 5, got %d", ff.f.MinRating)
	}
	if ff.f.Limit < 0 {
		return usagef("--limit: must be 0 (no limit) or more, got %d", ff.f.Limit)
	}
	if s := ff.f.Sort; s != "" && !contains(catalog.SortKeys(), s) {
		return usagef("--sort: unknown value %q (allowed: %s)", s, strings.Join(catalog.SortKeys(), ", "))
	}
	return nil
}

// isDay reports whether s is a real calendar day written YYYY-MM-DD:
// 2018-13-45 has the shape but matches no clip, and an empty listing would
// pass for "nothing shot that day".
func isDay(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil && len(s) == len(time.DateOnly)
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func (a *app) clipsCmd() *cobra.Command {
	var ff filterFlags
	var out formatFlags
	var nul bool
	cmd := &cobra.Command{
		Use:   "clips [filters]",
		Short: "List clips in the catalog",
		Example: `  rushes clips --scene 12 --date 2026-11-02
  rushes clips --from 2026-11-01 --to 2026-11-03 --kind audio --format csv
  rushes clips --scene 12 --format paths | xargs ls -l
  rushes clips --search "boom" --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			format, cfg, err := a.prepare(cmd, &out, "paths")
			if err != nil {
				return err
			}
			cat, ok, err := a.queryCatalog(cmd.Context(), cfg)
			if err != nil {
				return err
			}
			if !ok { // nothing ingested yet: an empty listing
				return printClips(a.stdout, format, nil, nul)
			}
			defer cat.Close()
			clips, err := cat.Clips(cmd.Context(), ff.f)
			if err != nil {
				return err
			}
			return printClips(a.stdout, format, clips, nul)
		},
	}
	ff.register(cmd)
	out.register(cmd, "paths")
	cmd.Flags().BoolVarP(&nul, "null", "0", false, "with --format paths: end each path with NUL, for xargs -0")
	return cmd
}

func printClips(w io.Writer, format string, clips []catalog.Clip, nul bool) error {
	switch format {
	case "json":
		if clips == nil {
			clips = []catalog.Clip{}
		}
		return writeJSON(w, clips)
	case "paths":
		end := "\n"
		if nul {
			end = "\x00"
		}
		// Piped, the paths are exact (xargs opens them); on a terminal they
		// are read, so escaped like everything else shown there.
		safe := func(s string) string { return s }
		if isTerminal(w) {
			safe = termSafe
		}
		for _, c := range clips {
			if _, err := io.WriteString(w, safe(c.LibraryPath)+end); err != nil {
				return err
			}
		}
		return nil
	case "csv":
		return export.CSV(w, clips)
	default:
		return clipTable(clips).writeTable(w)
	}
}

func clipTable(clips []catalog.Clip) table {
	t := table{header: []string{"ID", "NAME", "KIND", "DATE", "SCENE", "TAKE", "CAMERA", "TC START", "DURATION", "SIZE", "LIBRARY PATH"}}
	for _, c := range clips {
		t.rows = append(t.rows, []string{strconv.FormatInt(c.ID, 10), c.Name, string(c.Kind), orDash(c.Date),
			orDash(c.Scene), orDash(c.Take), orDash(c.Camera), orDash(c.TCStart), clock(c.Duration),
			humanBytes(c.SizeBytes), c.LibraryPath})
	}
	return t
}

func timeOrEmpty(c catalog.Clip) string {
	if c.ShotAt.IsZero() {
		return ""
	}
	return c.ShotAt.Format("2006-01-02T15:04:05Z07:00")
}
