package main

import (
	"bytes"
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

// Promise 7: a hostile slate in the file and a hostile file name cannot
// make a path outside the library.
func TestHostileIXMLAndNamesStayInTheLibrary(t *testing.T) {
	fx := fixturesDir(t)
	e := newEnv(t)
	b, err := os.ReadFile(filepath.Join(fx, "sound/sounddevices/A101_3.WAV"))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range [][2]string{{"<SCENE>A101</SCENE>", "<SCENE>../x</SCENE>"}, {"sSCENE=A101", "sSCENE=../x"}} {
		if !bytes.Contains(b, []byte(r[0])) {
			t.Fatalf("fixture lacks %q", r[0])
		}
		b = bytes.ReplaceAll(b, []byte(r[0]), []byte(r[1]))
	}
	card := filepath.Join(e.dir, "card")
	writeFile(t, card, "A101_3.WAV", b)
	writeFile(t, card, `..\..\evil .MOV`, []byte("picture"))
	writeFile(t, card, "CON", []byte("device name"))
	if out, stderr, code := e.run("ingest", card); code != 0 {
		t.Fatalf("ingest: %d\n%s\n%s", code, out, stderr)
	}
	clips := listClips(t, e)
	if len(clips) != 3 {
		t.Fatalf("%d clips", len(clips))
	}
	for _, c := range clips {
		for _, f := range c.Files {
			rel, err := filepath.Rel(e.lib, f.Path)
			if err != nil || strings.HasPrefix(rel, "..") || strings.Contains("/"+rel+"/", "/../") || strings.Contains(rel, `\`) {
				t.Errorf("%s escapes or misnames inside the library %s", f.Path, e.lib)
			}
		}
		if c.Name == "A101_3.WAV" && (c.Scene == nil || *c.Scene != "../x") {
			t.Errorf("the catalog should keep the slate as written: %v", c.Scene)
		}
	}
}

// Every fixture in one drop: cameras, recorders, sidecars, and the same
// card copied to three places with its ASC MHL history (the mhl scenarios),
// so one recording arrives three times in one run. Every file is offloaded
// or found a duplicate, nothing fails, the library verifies, and a second
// run copies nothing.
func TestIngestAllFixturesAtOnce(t *testing.T) {
	fx := fixturesDir(t)
	e := newEnv(t)
	out, stderr, code := e.run("ingest", fx)
	if code != 0 || !strings.Contains(stderr+out, "SAFE") || !strings.Contains(stderr+out, "already in the library, 0 failed") {
		t.Fatalf("ingest: exit %d\n%s\n%s", code, out, stderr)
	}
	if out, stderr, code := e.run("verify"); code != 0 {
		t.Fatalf("verify: exit %d\n%s\n%s", code, out, stderr)
	}
	out, stderr, code = e.run("ingest", fx)
	if code != 0 || !strings.Contains(stderr+out, " 0 copied and verified") {
		t.Fatalf("second ingest: exit %d\n%s\n%s", code, out, stderr)
	}
}
