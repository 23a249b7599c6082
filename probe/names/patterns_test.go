package names

import (
	"regexp"
	"strings"
	"testing"
)

func TestCompilePatternsRejects(t *testing.T) {
	tests := []struct {
		name  string
		exprs []string
		want  []string // substrings of the error
	}{
		{"does not compile", []string{`^(?P<scene>[0-9]+`}, []string{`pattern "^(?P<scene>[0-9]+"`, "missing closing )"}},
		{"no group", []string{`^Sc\d+$`}, []string{`pattern "^Sc\\d+$"`, "no named group", "scene, take, camera, reel"}},
		{"only unnamed groups", []string{`^Sc(\d+)_T(\d+)$`}, []string{"no named group"}},
		{"misspelt group", []string{`^Sc(?P<scnee>\d+)$`}, []string{"unknown group (?P<scnee>)", "scene, take, camera or reel"}},
		{"every bad pattern is named", []string{`^(?P<scene>\d+)$`, `[`, `x`},
			[]string{`pattern "["`, `pattern "x"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := CompilePatterns(tt.exprs)
			if err == nil {
				t.Fatalf("CompilePatterns(%q) = %v, want an error", tt.exprs, res)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
		})
	}
}

func TestCompilePatternsAccepts(t *testing.T) {
	exprs := []string{`^EP\d+_SC(?P<scene>\d+)_TK(?P<take>\d+)$`, `(?i)^unit(?P<camera>[a-z])$`, `^Roll(?P<reel>\d+)$`, `^(?:(?P<scene>\d+)|S(?P<scene>\d+))$`}
	res, err := CompilePatterns(exprs)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != len(exprs) {
		t.Fatalf("got %d patterns, want %d", len(res), len(exprs))
	}
	if res, err := CompilePatterns(nil); err != nil || len(res) != 0 {
		t.Errorf("CompilePatterns(nil) = %v, %v; want none, nil", res, err)
	}
}

// TestConfiguredPatternsPrecedence: configured patterns come first, on the
// file name and then on each folder, before any built-in reading.
func TestConfiguredPatternsPrecedence(t *testing.T) {
	pats := mustCompile(t,
		`^EP\d+_SC(?P<scene>\d+)_TK(?P<take>\d+)$`,
		`^A(?P<scene>\d+)_(?P<take>\d+)$`,
		`^Block(?P<scene>\d+)$`,
		`^(?P<scene>\d+)x(?P<take>\d+)\.mov$`,
		`(?i)^unit(?P<camera>[a-z])$`,
		`^Roll(?P<reel>\d+)$`,
		`^(?P<scene>\d+)?clip$`,
		`^(?:(?P<scene>\d{3})|S(?P<scene>\d{2}))-(?P<take>\d)$`,
	)
	tests := []struct {
		name string
		path string
		want Name
	}{
		{"pattern on the file name", "EP2_SC12_TK3.mov",
			Name{Scheme: "pattern", Scene: "12", Take: "3", SceneFrom: "filename", ClipKey: "name:EP2_SC12_TK3"}},
		{"pattern before the recorder's scheme", "A101_3.WAV",
			Name{Scheme: "sounddevices", Scene: "101", Take: "3", SceneFrom: "filename", ClipKey: "sounddevices:A101_3"}},
		{"pattern on a folder before built-ins on the file", "EP2_SC12_TK3/Sc14_T1.mov",
			Name{Scene: "12", Take: "3", SceneFrom: "folder", ClipKey: "name:Sc14_T1"}},
		{"file pattern before folder pattern", "Block7/EP2_SC12_TK3.mov",
			Name{Scheme: "pattern", Scene: "12", Take: "3", SceneFrom: "filename", ClipKey: "name:EP2_SC12_TK3"}},
		{"first pattern first", "Block7/A101_4.WAV",
			Name{Scheme: "sounddevices", Scene: "101", Take: "4", SceneFrom: "filename", ClipKey: "sounddevices:A101_4"}},
		{"a take of another scene is not borrowed", "Block7/Sc14_T2.mov",
			Name{Scene: "7", SceneFrom: "folder", ClipKey: "name:Sc14_T2"}},
		{"a take-only name under a pattern scene", "Block7/Take 2.mov",
			Name{Scene: "7", Take: "2", SceneFrom: "folder", ClipKey: "name:Take 2"}},
		{"pattern with the extension", "12x3.mov",
			Name{Scheme: "pattern", Scene: "12", Take: "3", SceneFrom: "filename", ClipKey: "name:12x3"}},
		{"camera and reel from folders, scene from built-ins", "UnitB/Roll4/Sc12_T3/A004C010_100610_R1JL.mov",
			Name{Scheme: "arri", Camera: "B", Reel: "4", CameraID: "R1JL", Clip: "C010", Date: day(2010, 6, 10),
				Scene: "12", Take: "3", SceneFrom: "folder", CameraFrom: "folder", ClipKey: "arri:A004C010_100610_R1JL"}},
		{"a match that captures nothing is no match", "clip.mov", Name{ClipKey: "name:clip"}},
		{"a group named twice reads the one that matched", "S12-4.mov",
			Name{Scheme: "pattern", Scene: "12", Take: "4", SceneFrom: "filename", ClipKey: "name:S12-4"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Parse(tt.path, pats)
			if want := complete(tt.want); got != want {
				t.Errorf("Parse(%q)\n got %+v\nwant %+v", tt.path, got, want)
			}
		})
	}
}

func TestParseToleratesNilPattern(t *testing.T) {
	got := Parse("Sc12_T3.mov", []*regexp.Regexp{nil})
	if got.Scene != "12" || got.Take != "3" {
		t.Errorf("Parse with a nil pattern = %+v", got)
	}
}

func mustCompile(t testing.TB, exprs ...string) []*regexp.Regexp {
	t.Helper()
	res, err := CompilePatterns(exprs)
	if err != nil {
		t.Fatal(err)
	}
	return res
}
