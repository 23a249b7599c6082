package main

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"

	"github.com/rushes/rushes/catalog"
	"github.com/rushes/rushes/export"
	"github.com/spf13/cobra"
)

func (a *app) showCmd() *cobra.Command {
	var out formatFlags
	cmd := &cobra.Command{
		Use:   "show CLIP",
		Short: "Show one clip with all its files, hashes and where each fact came from",
		Long: `Show one clip. CLIP is a clip id, a library path, a source path, or a unique
clip name with or without its extension (C0002 or C0002.MP4).`,
		Example: `  rushes show 42
  rushes show C0002
  rushes show /media/card/PRIVATE/M4ROOT/CLIP/C0002.MP4 --json`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			format, cfg, err := a.prepare(cmd, &out)
			if err != nil {
				return err
			}
			cat, err := a.openCatalog(cmd.Context(), cfg, true)
			if err != nil {
				return err
			}
			defer cat.Close()
			clip, err := cat.FindClip(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			history, err := cat.History(cmd.Context(), clip)
			if err != nil {
				return err
			}
			switch format {
			case "json":
				return writeJSON(a.stdout, withHistory(clip, history))
			case "csv":
				return export.CSV(a.stdout, []catalog.Clip{clip})
			}
			return showText(a.stdout, clip, history)
		},
	}
	out.register(cmd)
	return cmd
}

// showText writes the clip as "key  value" lines. Every value is escaped by
// render (names, scenes and notes come from files and people); none is cut
// to the terminal's width: show is where the whole value is read.
func showText(w io.Writer, c catalog.Clip, history []catalog.Event) error {
	var rows [][]string
	row := func(k, v string) { rows = append(rows, []string{k, v}) }
	row("id", fmt.Sprint(c.ID))
	row("name", c.Name)
	row("kind", string(c.Kind))
	row("date", orDash(c.Date)+from(c, "date"))
	row("shot at", orDash(timeOrEmpty(c)))
	row("scene", orDash(c.Scene)+from(c, "scene"))
	row("take", orDash(c.Take)+from(c, "take"))
	row("camera", orDash(c.Camera)+from(c, "camera"))
	row("reel", orDash(c.Reel))
	row("timecode", orDash(c.TCStart))
	row("fps", orDash(c.Rate.String()))
	row("duration", clock(c.Duration))
	row("size", fmt.Sprintf("%s (%d bytes)", humanBytes(c.SizeBytes), c.SizeBytes))
	row("library", c.LibraryPath)
	row("source", c.SourcePath)
	row("hash", c.HashAlgo+" "+c.Hash)
	row("ingested", c.IngestedAt.Format("2006-01-02 15:04:05 MST"))
	for _, f := range c.Files {
		row("file", fmt.Sprintf("%s  %s  %d bytes  %s %s", f.Role, f.Path, f.SizeBytes, f.HashAlgo, f.Hash))
		for _, o := range f.OtherSources {
			row("also from", o+" (the same bytes: not copied again)")
		}
	}
	for _, n := range c.Notes {
		row("note", n.At.Format("2006-01-02 15:04")+" "+n.Author+": "+n.Text)
	}
	if c.Circled || c.NG || c.Rating != nil || len(c.Tags) > 0 {
		row("marks", fmt.Sprintf("circled %v  ng %v  rating %s  tags %v", c.Circled, c.NG, orDash(ratingText(c.Rating)), c.Tags))
	}
	for _, e := range history {
		row("history", fmt.Sprintf("run %d  %s  %s  %s %s", e.RunID, e.At, e.State, e.Source, e.Error))
	}
	for _, wng := range c.Warnings {
		row("warning", wng)
	}
	keys := make([]string, 0, len(c.Provenance))
	for k := range c.Provenance {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		row("provenance", k+": "+c.Provenance[k])
	}
	return render(w, nil, rows, 0)
}

func from(c catalog.Clip, fact string) string {
	if p := c.Provenance[fact]; p != "" {
		return "  (from " + p + ")"
	}
	return ""
}

func ratingText(r *int) string {
	if r == nil {
		return ""
	}
	return fmt.Sprint(*r)
}

// withHistory is the clip's JSON with a "history" field added after the
// contract's fields (the clip's own MarshalJSON would hide an embedding).
func withHistory(c catalog.Clip, history []catalog.Event) json.RawMessage {
	clip, err := json.Marshal(c)
	if err != nil {
		return nil
	}
	if history == nil {
		history = []catalog.Event{}
	}
	h, _ := json.Marshal(history)
	return append(append(clip[:len(clip)-1], `,"history":`...), append(h, '}')...)
}
