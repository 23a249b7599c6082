package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMarkNoteScenesThroughTheCLI(t *testing.T) {
	fx := fixturesDir(t)
	e := newEnv(t)
	t.Setenv("RUSHES_TIMEZONE", "UTC")
	sound := filepath.Join(e.dir, "SOUND")
	for _, f := range []string{"sound/sounddevices/A101_1.WAV", "sound/sounddevices/A101_3.WAV"} {
		copyFixture(t, fx, f, sound)
	}
	if _, stderr, code := e.run("ingest", sound); code != 0 {
		t.Fatal(stderr)
	}
	if _, stderr, code := e.run("mark", "A101_3", "A101_1.WAV", "--circle", "--rating", "4", "--tag", "hero"); code != 0 {
		t.Fatalf("mark: %s", stderr)
	}
	if _, stderr, code := e.run("mark", "A101_1", "--uncircle", "--ng"); code != 0 {
		t.Fatalf("mark: %s", stderr)
	}
	if _, stderr, code := e.run("note", "A101_3", "plane at the end, use for wild track"); code != 0 {
		t.Fatalf("note: %s", stderr)
	}
	if got := listClips(t, e, "--circled"); len(got) != 1 || got[0].Name != "A101_3.WAV" {
		t.Errorf("--circled: %+v", got)
	}
	if got := listClips(t, e, "--min-rating", "4", "--no-ng"); len(got) != 1 || got[0].Name != "A101_3.WAV" {
		t.Errorf("--min-rating 4 --no-ng: %+v", got)
	}
	if got := listClips(t, e, "--ng"); len(got) != 1 || got[0].Name != "A101_1.WAV" {
		t.Errorf("--ng: %+v", got)
	}
	if got := listClips(t, e, "--search", "plane"); len(got) != 1 {
		t.Errorf("--search plane: %+v", got)
	}
	if got := listClips(t, e, "--tag", "hero"); len(got) != 2 {
		t.Errorf("--tag hero: %d", len(got))
	}
	out, _, _ := e.run("show", "A101_3", "--json")
	if !strings.Contains(out, `"text": "plane at the end, use for wild track"`) || !strings.Contains(out, `"circled": "manual"`) {
		t.Errorf("show after marks:\n%s", out)
	}
	out, stderr, code := e.run("scenes", "--json")
	if code != 0 {
		t.Fatal(stderr)
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(out), &rows); err != nil || len(rows) != 1 {
		t.Fatalf("scenes: %v %s", err, out)
	}
	for _, k := range []string{"date", "scene", "clips", "takes", "picture", "sound", "duration_s", "circled"} {
		if _, ok := rows[0][k]; !ok {
			t.Errorf("scenes row lacks %q: %v", k, rows[0])
		}
	}
	if rows[0]["scene"] != "A101" || rows[0]["sound"].(float64) != 2 {
		t.Errorf("scenes row %v", rows[0])
	}
	// A typo in one CLIP changes nothing, and exits 1.
	if _, _, code := e.run("mark", "A101_1", "NOPE", "--circle"); code != exitFailed {
		t.Errorf("mark with an unknown clip: exit %d", code)
	}
	if got := listClips(t, e, "--circled"); len(got) != 1 {
		t.Errorf("a failed mark changed clips: %d circled", len(got))
	}
	if _, _, code := e.run("mark", "A101_1", "--rating", "9"); code != exitUsage {
		t.Errorf("--rating 9: exit %d", code)
	}
}

func TestCompletionFromTheCatalogAndManPages(t *testing.T) {
	e := newEnv(t)
	card := filepath.Join(e.dir, "card", "Sc12_T3")
	writeFile(t, card, "C0001.MP4", []byte("x"))
	if _, stderr, code := e.run("ingest", filepath.Dir(card)); code != 0 {
		t.Fatal(stderr)
	}
	out, _, _ := e.runBare("__complete", "show", "--library", e.lib, "C00")
	if !strings.Contains(out, "C0001.MP4") {
		t.Errorf("clip completion:\n%s", out)
	}
	out, _, _ = e.runBare("__complete", "clips", "--library", e.lib, "--scene", "")
	if !strings.Contains(out, "12\n") {
		t.Errorf("scene completion:\n%s", out)
	}
	dir := filepath.Join(e.dir, "man")
	if _, stderr, code := e.runBare("man", "--dir", dir); code != 0 {
		t.Fatal(stderr)
	}
	for _, c := range []string{"rushes.1", "rushes-ingest.1", "rushes-clips.1"} {
		if b, err := os.ReadFile(filepath.Join(dir, c)); err != nil || !strings.Contains(string(b), ".TH") {
			t.Errorf("man page %s: %v", c, err)
		}
	}
}
