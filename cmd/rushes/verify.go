package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strconv"

	"github.com/rushes/rushes/catalog"
	"github.com/rushes/rushes/offload"
	"github.com/spf13/cobra"
)

// fileCheck is the outcome of re-hashing one library file.
type fileCheck struct {
	ClipID   int64  `json:"clip_id"`
	Path     string `json:"path"`
	Status   string `json:"status"` // ok, changed, missing, unreadable
	Expected string `json:"expected"`
	Actual   string `json:"actual,omitempty"`
	Error    string `json:"error,omitempty"`
}

func (a *app) verifyCmd() *cobra.Command {
	var ff filterFlags
	var out formatFlags
	cmd := &cobra.Command{
		Use:   "verify [filters]",
		Short: "Re-hash library files against the catalog; exit 1 naming any missing or changed file",
		Long: `Read every library file of the selected clips back from the disk (its page
cache dropped first) and compare its hash with the one recorded when it was
verified at ingest. Catches bit rot, a file edited in place, a file deleted or
moved by hand. Takes the same filters as "rushes clips".`,
		Example: `  rushes verify
  rushes verify --date 2026-11-02 --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			format, cfg, err := a.prepare(cmd, &out)
			if err != nil {
				return err
			}
			cat, err := a.openCatalog(cmd.Context(), cfg, true)
			if err != nil {
				return err
			}
			defer cat.Close()
			clips, err := cat.Clips(cmd.Context(), ff.f)
			if err != nil {
				return err
			}
			var checks []fileCheck
			bad := 0
			for _, c := range clips {
				for _, f := range c.Files {
					chk := checkFile(cmd, c, f)
					if chk.Status != "ok" {
						bad++
					}
					checks = append(checks, chk)
				}
			}
			if err := printChecks(a.stdout, format, checks); err != nil {
				return err
			}
			if bad > 0 {
				return fmt.Errorf("%d of %d library files missing or changed (listed above)", bad, len(checks))
			}
			if format == "table" {
				fmt.Fprintf(a.stdout, "%d files in %d clips verified: every hash matches the catalog\n", len(checks), len(clips))
			}
			return nil
		},
	}
	ff.register(cmd)
	out.register(cmd)
	return cmd
}

func checkFile(cmd *cobra.Command, c catalog.Clip, f catalog.File) fileCheck {
	chk := fileCheck{ClipID: c.ID, Path: f.Path, Expected: f.Hash}
	sum, _, err := offload.HashFile(cmd.Context(), f.Path, f.HashAlgo)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		chk.Status = "missing"
	case err != nil:
		chk.Status, chk.Error = "unreadable", err.Error()
	case sum != f.Hash:
		chk.Status, chk.Actual = "changed", sum
	default:
		chk.Status, chk.Actual = "ok", sum
	}
	return chk
}

func printChecks(w io.Writer, format string, checks []fileCheck) error {
	if format == "json" {
		if checks == nil {
			checks = []fileCheck{}
		}
		return writeJSON(w, checks)
	}
	t := table{header: []string{"STATUS", "CLIP", "PATH", "EXPECTED", "ACTUAL"}}
	for _, c := range checks {
		if format == "table" && c.Status == "ok" {
			continue // a table names the problems; csv and json list every file
		}
		actual := c.Actual
		if c.Error != "" {
			actual = c.Error
		}
		t.rows = append(t.rows, []string{c.Status, strconv.FormatInt(c.ClipID, 10), c.Path, c.Expected, actual})
	}
	if format == "csv" {
		return t.writeCSV(w)
	}
	if len(t.rows) == 0 {
		return nil
	}
	return t.writeTable(w)
}
