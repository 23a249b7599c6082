package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"github.com/rushes/rushes/media"
	"io"
	"os"
	"strings"
	"sync"

	"github.com/rushes/rushes/export"
	"github.com/spf13/cobra"
	"golang.org/x/term"
)

// formatFlags are the listing flags every listing command takes.
type formatFlags struct {
	format string
	json   bool
}

func (f *formatFlags) register(cmd *cobra.Command, extra ...string) {
	allowed := append([]string{"table", "json", "csv"}, extra...)
	cmd.Flags().StringVar(&f.format, "format", "", "output format: "+strings.Join(allowed, "|")+" (table on a terminal, else json)")
	cmd.Flags().BoolVar(&f.json, "json", false, "short for --format json")
}

// resolve returns the format to print in, checking it against the allowed ones.
func (f *formatFlags) resolve(w io.Writer, extra ...string) (string, error) {
	if f.json {
		if f.format != "" && f.format != "json" {
			return "", usagef("--json conflicts with --format %s", f.format)
		}
		return "json", nil
	}
	if f.format == "" {
		if isTerminal(w) {
			return "table", nil
		}
		return "json", nil
	}
	for _, a := range append([]string{"table", "json", "csv"}, extra...) {
		if f.format == a {
			return a, nil
		}
	}
	return "", usagef("--format: unknown value %q (allowed: %s)", f.format, strings.Join(append([]string{"table", "json", "csv"}, extra...), ", "))
}

func isTerminal(w io.Writer) bool {
	if lw, ok := w.(*lockedWriter); ok {
		w = lw.w
	}
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// table is a listing: a header and rows of cells.
type table struct {
	header []string
	rows   [][]string
}

// writeTable writes t for people: every cell escaped, and on a terminal the
// columns fitted to its width.
func (t table) writeTable(w io.Writer) error {
	return render(w, t.header, t.rows, termWidth(w))
}

// writeCSV writes t for spreadsheets: cells a spreadsheet would run as a
// formula are neutralised (export.SafeCSVRow owns the rule).
func (t table) writeCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(export.SafeCSVRow(t.header)); err != nil {
		return err
	}
	for _, r := range t.rows {
		if err := cw.Write(export.SafeCSVRow(r)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// writeJSON writes v as indented JSON, with the characters a terminal would
// act on (C1 controls, bidi overrides) written as \u escapes: the same JSON.
func writeJSON(w io.Writer, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(jsonTermSafe(b), '\n'))
	return err
}
func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// clock formats seconds as HH:MM:SS.
func clock(sec float64) string {
	if sec <= 0 {
		return "-"
	}
	s := int64(sec + 0.5)
	return fmt.Sprintf("%02d:%02d:%02d", s/3600, s/60%60, s%60)
}

// humanBytes formats a size the way a loader reads it (media owns the rule).
func humanBytes(n int64) string { return media.Bytes(n) }

// lockedWriter serializes the writes of the goroutines that share a stream
// (the log's records, the progress lines): each Write is whole, and a
// writer that is not safe for concurrent use (a bytes.Buffer) is safe.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
