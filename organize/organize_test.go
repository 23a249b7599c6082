package organize

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestShootingDay(t *testing.T) {
	paris, _ := time.LoadLocation("Europe/Paris")
	cases := []struct {
		at        time.Time
		loc       *time.Location
		dayStarts time.Duration
		want      string
	}{
		{time.Date(2026, 11, 2, 0, 30, 0, 0, paris), paris, 0, "2026-11-02"},
		{time.Date(2026, 11, 2, 1, 30, 0, 0, paris), paris, 5 * time.Hour, "2026-11-01"}, // night shoot
		{time.Date(2026, 11, 2, 5, 0, 0, 0, paris), paris, 5 * time.Hour, "2026-11-02"},
		{time.Date(2026, 11, 1, 23, 30, 0, 0, time.UTC), paris, 0, "2026-11-02"}, // UTC container time
		{time.Time{}, paris, 0, ""},
	}
	for _, c := range cases {
		if got := ShootingDay(c.at, c.loc, c.dayStarts); got != c.want {
			t.Errorf("ShootingDay(%v, %v) = %q, want %q", c.at, c.dayStarts, got, c.want)
		}
	}
}

func TestParseLayoutErrors(t *testing.T) {
	cases := map[string]string{
		"{date}/{shot}/{name}":  "unknown token {shot}",
		"{date}/{scene/{name}":  "unbalanced {",
		"{date}/scene}/{name}":  "unbalanced }",
		"/abs/{name}":           "relative",
		"{date}//{name}":        "empty",
		"{date}/../{name}":      ". or ..",
		"{date}/{scene}":        "last segment",
		"":                      "relative",
		"{date}/{scene}/{stem}": "last segment",
	}
	for tmpl, want := range cases {
		_, err := ParseLayout(tmpl)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseLayout(%q) = %v, want error containing %q", tmpl, err, want)
		}
	}
	for _, ok := range []string{"{date}/{scene}/{camera}/{name}", "{year}/{month}/{day}/Sc{scene}_T{take}/{stem}.{ext}", "{card}/{name}"} {
		if _, err := ParseLayout(ok); err != nil {
			t.Errorf("ParseLayout(%q): %v", ok, err)
		}
	}
}

func TestRenderDefaultsAndTokens(t *testing.T) {
	l, _ := ParseLayout("{date}/{scene}/{camera}/{name}")
	if got := l.Render(Values{Date: "2026-11-02", Name: "C0001.MP4"}); got != "2026-11-02/unsorted/unknown/C0001.MP4" {
		t.Errorf("got %q", got)
	}
	l, _ = ParseLayout("{year}/{month}-{day}/Sc{scene}_T{take}/{kind}/{stem}_{reel}.{ext}")
	got := l.Render(Values{Date: "2026-11-02", Scene: "47B", Take: "3", Kind: "video", Reel: "A004", Name: "A004C010.mov"})
	if got != "2026/11-02/Sc47B_T3/video/A004C010_A004.mov" {
		t.Errorf("got %q", got)
	}
}

// Promise 7: nothing read from a file can make a path that leaves the library.
func TestRenderHostileValuesStayInside(t *testing.T) {
	l, _ := ParseLayout("{date}/{scene}/{camera}/{reel}/{name}")
	root := "/lib"
	hostile := []string{
		"..", "../..", "../../etc/passwd", "/etc/passwd", `..\..\windows`, "a/../../b", "\x00", ".",
		"...", " .. ", "CON", "nul.txt", "sc\nene", "\u202e12", strings.Repeat("é", 400), "a\x00/../b",
		"C:\\Windows", "~", "$(rm -rf /)", "\xff\xfe", ".hidden", "trailing. . ",
	}
	for _, h := range hostile {
		v := Values{Date: h, Scene: h, Camera: h, Reel: h, Name: h}
		rel := l.Render(v)
		p, err := Within(root, rel)
		if err != nil {
			t.Errorf("value %q: %v", h, err)
			continue
		}
		if !strings.HasPrefix(p, root+"/") {
			t.Errorf("value %q rendered %q outside %s", h, p, root)
		}
		segs := strings.Split(rel, "/")
		if len(segs) != 5 {
			t.Errorf("value %q rendered %d segments: %q", h, len(segs), rel)
		}
		for _, s := range segs {
			if s == "" || s == "." || s == ".." || strings.HasPrefix(s, ".") || len(s) > MaxSegment || !utf8.ValidString(s) ||
				strings.ContainsAny(s, "\x00\n\\:") || strings.HasSuffix(s, " ") {
				t.Errorf("value %q gave unsafe segment %q", h, s)
			}
		}
	}
}

func TestSanitizeNameKeepsExtension(t *testing.T) {
	long := strings.Repeat("ü", 200) + ".MOV" // 404 bytes
	got := SanitizeName(long)
	if len(got) > MaxSegment || !strings.HasSuffix(got, ".MOV") || !utf8.ValidString(got) {
		t.Errorf("SanitizeName(long) = %q (%d bytes)", got, len(got))
	}
	cases := map[string]string{
		"C0001.MP4":      "C0001.MP4",
		"my clip 01.mov": "my clip 01.mov",
		"Szene 1: Nacht": "Szene 1_ Nacht",
		"CON.wav":        "_CON.wav",
		"..":             "",
		"  .DS_Store ":   "DS_Store",
	}
	for in, want := range cases {
		if got := SanitizeName(in); got != want {
			t.Errorf("SanitizeName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWithin(t *testing.T) {
	if _, err := Within("/lib", "../x"); err == nil {
		t.Error("Within accepted ../x")
	}
	if p, err := Within("/lib", "a/b"); err != nil || p != filepath.Join("/lib", "a", "b") {
		t.Errorf("Within(a/b) = %q, %v", p, err)
	}
}
