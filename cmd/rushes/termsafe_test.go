package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/rivo/uniseg"
	"github.com/rushes/rushes/config"
	"github.com/rushes/rushes/pipeline"
)

func TestTermSafeEscapesWhatATerminalActsOn(t *testing.T) {
	tests := []struct{ in, want string }{
		{"C0001.MP4", "C0001.MP4"},
		{"\x1b]0;pwned\x07", `\x1b]0;pwned\x07`},
		{"\x1b[2J\x1b[H", `\x1b[2J\x1b[H`},
		{"a\nb\r\tc", `a\nb\r\tc`},
		{"del\x7f nul\x00", `del\x7f nul\x00`},
		{"c1 \u009b31m \u0085", `c1 \u009b31m \u0085`},
		{"gpj\u202eexe", `gpj\u202eexe`},
		{"\u202a\u202b\u202c\u202d", `\u202a\u202b\u202c\u202d`},
		{"\u2066\u2067\u2068\u2069", `\u2066\u2067\u2068\u2069`},
		{"\u200e\u200f\u061c", `\u200e\u200f\u061c`},
		{"zero\u200bwidth\ufeff", `zero\u200bwidth\ufeff`},
		{"line\u2028para\u2029", `line\u2028para\u2029`},
		{"tag\U000e0041", `tag\U000e0041`},
		{"bad \xff\xfe utf-8", `bad \xff\xfe utf-8`},
		{`C:\rushes\A001`, `C:\rushes\A001`}, // a backslash is not escaped: paths stay readable
		{"IMG 0001 ü#.mov", "IMG 0001 ü#.mov"},
		{"撮影 シーン12 😀", "撮影 シーン12 😀"},
		{"no\u00a0break", "no\u00a0break"},
	}
	for _, tt := range tests {
		if got := termSafe(tt.in); got != tt.want {
			t.Errorf("termSafe(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestJSONTermSafeIsTheSameJSON(t *testing.T) {
	values := []string{"gpj\u202eexe", "c1 \u009b31m", "del\x7f", "esc \x1b]0;x\x07", "tag\U000e0041", "撮影 😀", `q"\`}
	raw, err := json.Marshal(values)
	if err != nil {
		t.Fatal(err)
	}
	safe := jsonTermSafe(raw)
	if r, bad := rawHostile(string(safe)); bad || bytes.ContainsRune(safe, 0x7f) {
		t.Errorf("raw %U left in %s", r, safe)
	}
	var back []string
	if err := json.Unmarshal(safe, &back); err != nil {
		t.Fatalf("not JSON any more: %v\n%s", err, safe)
	}
	for i := range values {
		if back[i] != values[i] {
			t.Errorf("value %d decodes as %q, want %q", i, back[i], values[i])
		}
	}
	if plain := []byte(`{"a":"b"}`); !bytes.Equal(jsonTermSafe(plain), plain) {
		t.Error("harmless JSON was changed")
	}
}

func TestFitColumns(t *testing.T) {
	tests := []struct {
		name    string
		natural []int
		width   int
		want    []int
	}{
		{"no terminal: natural", []int{2, 40, 80}, 0, []int{2, 40, 80}},
		{"fits: natural", []int{2, 10, 20}, 80, []int{2, 10, 20}},
		{"the long one is cut, the short ones kept", []int{2, 10, 80}, 40, []int{2, 10, 24}},
		{"long ones share the room", []int{2, 50, 80}, 40, []int{2, 17, 17}},
		{"dates and timecodes stay whole", []int{2, 10, 11, 8, 30, 150}, 100, []int{2, 10, 11, 8, 30, 29}},
		{"short ones are cut only when the long ones are at the minimum", []int{10, 10, 10, 40}, 30, []int{6, 6, 6, 6}},
		{"never below the minimum", []int{20, 20, 20}, 10, []int{6, 6, 6}},
		{"leftover goes to the first cut column", []int{3, 30, 30}, 24, []int{3, 9, 8}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fitColumns(tt.natural, tt.width)
			if !equalInts(got, tt.want) {
				t.Errorf("fitColumns(%v, %d) = %v, want %v", tt.natural, tt.width, got, tt.want)
			}
		})
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestTruncateCutsToDisplayWidth(t *testing.T) {
	tests := []struct {
		in    string
		width int
		want  string
	}{
		{"C0001.MP4", 20, "C0001.MP4"},
		{"C0001.MP4", 9, "C0001.MP4"},
		{"C0001.MP4", 6, "C0001…"},
		{"撮影シーン", 6, "撮影…"}, // two columns each: a third would not fit with the …
		{"e\u0301e\u0301e\u0301", 2, "e\u0301…"},
	}
	for _, tt := range tests {
		got := truncate(tt.in, tt.width)
		if got != tt.want || uniseg.StringWidth(got) > tt.width {
			t.Errorf("truncate(%q, %d) = %q (width %d), want %q", tt.in, tt.width, got, uniseg.StringWidth(got), tt.want)
		}
	}
}

func TestRenderFitsATerminalAndNotAPipe(t *testing.T) {
	header := []string{"ID", "NAME", "LIBRARY PATH"}
	rows := [][]string{
		{"1", "A001C001_261102_R1AB.MOV", "/Volumes/RAID/show/2026-11-02/12/A/A001C001_261102_R1AB.MOV"},
		{"2", "撮影シーン12_テイク3.WAV", "/Volumes/RAID/show/2026-11-02/12/sound/撮影シーン12_テイク3.WAV"},
		{"3", "x\x1b]0;pwned\x07", "/lib/x"},
	}
	var b bytes.Buffer
	if err := render(&b, header, rows, 50); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) != 4 {
		t.Fatalf("%d lines:\n%s", len(lines), b.String())
	}
	for _, l := range lines {
		if w := uniseg.StringWidth(l); w > 50 {
			t.Errorf("line %d wide on a 50-column terminal: %q", w, l)
		}
	}
	if !strings.Contains(b.String(), "…") || strings.Contains(b.String(), "\x1b") {
		t.Errorf("not cut or not escaped:\n%s", b.String())
	}
	// The columns line up in display columns: every LIBRARY PATH cell starts
	// at the same column.
	start := uniseg.StringWidth(lines[0][:strings.Index(lines[0], "LIBRARY PATH")])
	for _, l := range lines[1:] {
		if i := strings.Index(l, "/"); uniseg.StringWidth(l[:i]) != start {
			t.Errorf("path column starts at %d, header at %d: %q", uniseg.StringWidth(l[:i]), start, l)
		}
	}
	b.Reset()
	render(&b, header, rows, 0)
	if !strings.Contains(b.String(), rows[0][2]) || strings.Contains(b.String(), "…") {
		t.Errorf("a pipe got cut cells:\n%s", b.String())
	}
}

func TestLogLinesAreEscapedInBothFormats(t *testing.T) {
	for _, format := range []string{"text", "json"} {
		t.Run(format, func(t *testing.T) {
			var b bytes.Buffer
			a := &app{stderr: &lockedWriter{w: &b}}
			cfg := config.Defaults(t.TempDir())
			cfg.Log.Format = format
			log := a.logger(cfg)
			log.Info("drop "+hostileScene, "path", hostileName, "scene", "\u009b2J\u2066x", "error", errors.New("read "+hostileName))
			out := b.String()
			if r, bad := rawHostile(out); bad {
				t.Errorf("raw %U in the log line: %q", r, out)
			}
			if strings.Count(out, "\n") != 1 {
				t.Errorf("one record is not one line: %q", out)
			}
			if format == "json" {
				var rec map[string]any
				if err := json.Unmarshal(b.Bytes(), &rec); err != nil || rec["path"] != hostileName {
					t.Errorf("json record %v: %q", err, out)
				}
			}
		})
	}
}

func TestProgressLinesAreEscaped(t *testing.T) {
	var b bytes.Buffer
	p := newProgress(&b)
	pl := pipeline.Planned{Source: pipeline.Source{Path: "/card/" + hostileName}, Dest: "/lib/" + hostileScene}
	p.Finished(pl, "verified", nil)
	p.Finished(pl, "failed", errors.New("open "+pl.Path+": input/output error"))
	if r, bad := rawHostile(b.String()); bad || strings.Count(b.String(), "\n") != 2 {
		t.Errorf("raw %U or a forged line in:\n%q", r, b.String())
	}
}
