package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func fixturesDir(t *testing.T) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(file), "..", "..", "..", "shared", "fixtures")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("fixtures not found at %s: %v", dir, err)
	}
	return dir
}

func copyFixture(t *testing.T, fx, rel, dstDir string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(fx, rel))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, dstDir, filepath.Base(rel), b)
}

// Real recorder and camera files land under their shooting day and scene,
// with the reasons shown by rushes show.
func TestIngestRealCardsPlacesByDateAndScene(t *testing.T) {
	fx := fixturesDir(t)
	e := newEnv(t)
	t.Setenv("RUSHES_TIMEZONE", "UTC")
	sound := filepath.Join(e.dir, "SOUND_D1")
	for _, f := range []string{"sound/sounddevices/A101_1.WAV", "sound/sounddevices/A101_3.WAV", "sound/metacorder/Sr001-2C-01_01.WAV"} {
		copyFixture(t, fx, f, sound)
	}
	picture := filepath.Join(e.dir, "GOPRO")
	copyFixture(t, fx, "video/gopro/karma.mp4", picture)
	if out, stderr, code := e.run("ingest", picture, sound); code != 0 {
		t.Fatalf("ingest: %d\n%s\n%s", code, out, stderr)
	}
	want := map[string]string{
		"A101_1.WAV":         "2018-12-31/A101/sound/A101_1.WAV",
		"A101_3.WAV":         "2018-12-31/A101/sound/A101_3.WAV",
		"Sr001-2C-01_01.WAV": "2019-01-01/2C/sound/Sr001-2C-01_01.WAV",
		"karma.mp4":          "2017-04-17/unsorted/unknown/karma.mp4",
	}
	clips := listClips(t, e)
	if len(clips) != len(want) {
		t.Fatalf("%d clips, want %d", len(clips), len(want))
	}
	for _, c := range clips {
		if w := filepath.Join(e.lib, want[c.Name]); c.LibraryPath != w {
			t.Errorf("%s at %s, want %s", c.Name, c.LibraryPath, w)
		}
	}
	if got := listClips(t, e, "--scene", "a101"); len(got) != 2 {
		t.Errorf("--scene a101: %d clips", len(got))
	}
	out, _, _ := e.run("show", "A101_3", "--format", "table")
	for _, w := range []string{"A101  (from ixml)", "3  (from ixml)", "12:40:14:00", "2018-12-31  (from bext)"} {
		if !strings.Contains(out, w) {
			t.Errorf("show A101_3 lacks %q:\n%s", w, out)
		}
	}
	out, _, _ = e.run("show", "karma", "--json")
	for _, w := range []string{`"tc_start": "19:26:48:04"`, `"fps": 29.97`, `"codec": "avc1"`, `"width": 854`} {
		if !strings.Contains(out, w) {
			t.Errorf("show karma --json lacks %s:\n%s", w, out)
		}
	}
}
