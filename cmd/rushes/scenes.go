package main

import (
	"github.com/rushes/rushes/catalog"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
)

func (a *app) scenesCmd() *cobra.Command {
	var ff filterFlags
	var out formatFlags
	cmd := &cobra.Command{
		Use:   "scenes [filters]",
		Short: "Per shooting day and scene: clips, takes, picture and sound, duration, circled takes",
		Example: `  rushes scenes --date 2026-11-02
  rushes scenes --from 2026-11-01 --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			format, cfg, err := a.prepare(cmd, &out)
			if err != nil {
				return err
			}
			cat, ok, err := a.queryCatalog(cmd.Context(), cfg)
			if err != nil {
				return err
			}
			var rows []catalog.SceneRow
			if ok {
				defer cat.Close()
				if rows, err = cat.Scenes(cmd.Context(), ff.f); err != nil {
					return err
				}
			}
			if format == "json" {
				if rows == nil {
					rows = []catalog.SceneRow{}
				}
				return writeJSON(a.stdout, rows)
			}
			t := table{header: []string{"DATE", "SCENE", "CLIPS", "TAKES", "PICTURE", "SOUND", "DURATION", "CIRCLED"}}
			if format == "csv" {
				t.header = []string{"date", "scene", "clips", "takes", "picture", "sound", "duration_s", "circled"}
			}
			for _, r := range rows {
				dur := clock(r.DurationS)
				if format == "csv" {
					dur = strconv.FormatFloat(r.DurationS, 'f', -1, 64)
				}
				t.rows = append(t.rows, []string{r.Date, r.Scene, strconv.Itoa(r.Clips), strconv.Itoa(r.Takes),
					strconv.Itoa(r.Picture), strconv.Itoa(r.Sound), dur, strings.Join(r.Circled, " ")})
			}
			if format == "csv" {
				return t.writeCSV(a.stdout)
			}
			return t.writeTable(a.stdout)
		},
	}
	ff.register(cmd)
	out.register(cmd)
	return cmd
}
