package export

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/rushes/rushes/catalog"
)

func TestCSVQuotesWhatNeedsIt(t *testing.T) {
	clips := dayClips()
	clips[1].Notes = []catalog.Note{{Text: `a, "b"`}, {Text: "c\r\nd"}}
	clips[1].Warnings = []string{"no timecode", "bad, date"}
	var buf bytes.Buffer
	if err := CSV(&buf, clips); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(buf.String(), "\r\n") || strings.Count(buf.String(), "\r\n") < len(clips)+1 {
		t.Error("lines do not end in CRLF")
	}
	r := csv.NewReader(&buf)
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(clips)+1 || strings.Join(rows[0], ",") != strings.Join(csvHeader, ",") {
		t.Fatalf("%d rows, header %q", len(rows), rows[0])
	}
	get := func(row int, col string) string {
		for i, h := range rows[0] {
			if h == col {
				return rows[row+1][i]
			}
		}
		t.Fatalf("no column %s", col)
		return ""
	}
	tests := []struct {
		row       int
		col, want string
	}{
		{0, "notes", "Said \"cut\", then\tkept going\nsecond line"},
		{1, "notes", "a, \"b\"\nc\nd"},
		{1, "warnings", "no timecode\nbad, date"},
		{0, "tags", "hero;wide, slow"},
		{0, "provenance", "date=container;scene=filename"},
		{0, "files", "2026-11-02/12/A/A001C003_261102.mov"},
		{0, "fps", "23.976"},
		{2, "fps", "29.97"},
		{0, "duration_s", "10.01"},
		{0, "circled", "true"},
		{0, "rating", "4"},
		{1, "rating", ""},
		{2, "ng", "true"},
		{0, "tc_start", "12:39:59:00"},
		{2, "tc_start", "10:00:59;28"},
		{0, "shot_at", "2026-11-02T09:30:00Z"},
		{1, "shot_at", ""},
		{0, "project", "BMH"},
		{5, "name", "IMG 0001 ü#.mov"},
		{5, "fps", ""},
	}
	for _, tt := range tests {
		if got := get(tt.row, tt.col); got != tt.want {
			t.Errorf("row %d %s = %q, want %q", tt.row, tt.col, got, tt.want)
		}
	}
}

func TestCSVOfNoClipsIsItsHeader(t *testing.T) {
	var buf bytes.Buffer
	if err := CSV(&buf, nil); err != nil {
		t.Fatal(err)
	}
	if buf.String() != strings.Join(csvHeader, ",")+"\r\n" {
		t.Errorf("%q", buf.String())
	}
}

// OWASP's CSV injection guidance: a cell a spreadsheet would take for a
// formula starts with a quote, which spreadsheets show as text.
func TestSafeCSVCellNeutralisesFormulas(t *testing.T) {
	tests := []struct{ in, want string }{
		{`=HYPERLINK("http://evil.example","click")`, `'=HYPERLINK("http://evil.example","click")`},
		{"=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"},
		{"+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1:A9)", "'@SUM(A1:A9)"},
		{"\t=1+1", "'\t=1+1"},
		{"\r=1+1", "'\r=1+1"},
		{"-take 2", "'-take 2"},
		{"-12", "-12"}, // a plain number runs nothing
		{"-0.5", "-0.5"},
		{"-", "'-"},
		{"A001C003.mov", "A001C003.mov"},
		{"12:39:59:00", "12:39:59:00"},
		{"scene = 12", "scene = 12"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := SafeCSVCell(tt.in); got != tt.want {
			t.Errorf("SafeCSVCell(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCSVNeutralisesAFormulaInAClip(t *testing.T) {
	clips := dayClips()
	clips[0].Notes = []catalog.Note{{Text: `=HYPERLINK("http://evil.example","click")`}}
	clips[0].Scene = "@12"
	var buf bytes.Buffer
	if err := CSV(&buf, clips[:1]); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for i, cell := range rows[1] {
		if cell != "" && strings.ContainsRune("=+-@", rune(cell[0])) {
			t.Errorf("column %s starts a formula: %q", rows[0][i], cell)
		}
	}
}
