package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"text/tabwriter"

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

func (t table) writeTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(t.header, "\t"))
	for _, r := range t.rows {
		fmt.Fprintln(tw, strings.Join(clean(r), "\t"))
	}
	return tw.Flush()
}

func (t table) writeCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(t.header); err != nil {
		return err
	}
	if err := cw.WriteAll(t.rows); err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// clean keeps a cell on one line of a table.
func clean(r []string) []string {
	out := make([]string, len(r))
	for i, c := range r {
		out[i] = strings.Map(func(r rune) rune {
			if r == '\t' || r == '\n' || r == '\r' {
				return ' '
			}
			return r
		}, c)
	}
	return out
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
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

// humanBytes formats a size the way a loader reads it.
func humanBytes(n int64) string {
	const unit = 1000
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %cB", float64(n)/float64(div), "kMGTPE"[exp])
}

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
