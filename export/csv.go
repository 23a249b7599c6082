package export

import (
	"encoding/csv"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/rushes/rushes/catalog"
)

// csvHeader names every field. The first columns are those of
// `rushes clips --format csv`, in the same order, so scripts read both; the
// fields that listing leaves out follow.
var csvHeader = []string{
	"id", "name", "kind", "date", "shot_at", "scene", "take", "camera", "reel", "tc_start", "fps",
	"duration_s", "codec", "width", "height", "sample_rate", "channels", "size_bytes", "library_path",
	"source_path", "hash_algo", "hash", "circled", "rating", "ng", "tags", "ingested_at",
	"project", "notes", "files", "provenance", "warnings",
}

// CSV writes every field of every clip under a header row, as RFC 4180 says:
// CRLF line ends, and values with commas, quotes or line breaks quoted (a
// quote doubled). Unknown values are empty. Lists are joined: tags by ";",
// provenance as "field=source;..." sorted by field, and notes (their text),
// files (their library paths) and warnings one per line inside the cell.
// A cell a spreadsheet would run as a formula is neutralised (SafeCSVCell).
func CSV(w io.Writer, clips []catalog.Clip) error {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(csvHeader); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	for _, c := range clips {
		if err := cw.Write(SafeCSVRow(csvRow(c))); err != nil {
			return fmt.Errorf("write csv: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

func csvRow(c catalog.Clip) []string {
	notes := make([]string, len(c.Notes))
	for i, n := range c.Notes {
		notes[i] = n.Text
	}
	files := make([]string, len(c.Files))
	for i, f := range c.Files {
		files[i] = f.Path
	}
	prov := make([]string, 0, len(c.Provenance))
	for _, k := range slices.Sorted(maps.Keys(c.Provenance)) {
		prov = append(prov, k+"="+c.Provenance[k])
	}
	rating := ""
	if c.Rating != nil {
		rating = strconv.Itoa(*c.Rating)
	}
	return []string{
		strconv.FormatInt(c.ID, 10), c.Name, string(c.Kind), c.Date, csvTime(c.ShotAt), c.Scene, c.Take,
		c.Camera, c.Reel, c.TCStart, c.Rate.String(), csvFloat(c.Duration), c.Codec, csvInt(c.Width),
		csvInt(c.Height), csvInt(c.SampleRate), csvInt(c.Channels), strconv.FormatInt(c.SizeBytes, 10),
		c.LibraryPath, c.SourcePath, c.HashAlgo, c.Hash, strconv.FormatBool(c.Circled), rating,
		strconv.FormatBool(c.NG), strings.Join(c.Tags, ";"), c.IngestedAt.Format(time.RFC3339),
		c.Project, strings.Join(notes, "\n"), strings.Join(files, "\n"), strings.Join(prov, ";"),
		strings.Join(c.Warnings, "\n"),
	}
}

func csvTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}

func csvFloat(f float64) string {
	if f == 0 {
		return ""
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

func csvInt(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// SafeCSVRow returns row with every cell passed through SafeCSVCell.
func SafeCSVRow(row []string) []string {
	out := make([]string, len(row))
	for i, c := range row {
		out[i] = SafeCSVCell(c)
	}
	return out
}

// SafeCSVCell neutralises a cell a spreadsheet would take for a formula, as
// OWASP's CSV injection guidance says: a cell starting with =, +, -, @, a
// tab or a carriage return gets a leading single quote, which Excel,
// LibreOffice and Google Sheets show as text. A clip name or iXML note is
// hostile input: =HYPERLINK(...) or =cmd|... must not run on the
// editor's machine. Plain numbers (-12, -0.5) are left alone, as no
// spreadsheet runs them; anything else keeps its quote, safety first.
func SafeCSVCell(s string) string {
	if s == "" || !strings.ContainsRune("=+-@\t\r", rune(s[0])) || plainNumber(s) {
		return s
	}
	return "'" + s
}

// plainNumber reports whether s is an optionally negative decimal number:
// digits, at most one point, nothing else.
func plainNumber(s string) bool {
	s = strings.TrimPrefix(s, "-")
	digits, point := 0, false
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '.' && !point:
			point = true
		default:
			return false
		}
	}
	return digits > 0
}
