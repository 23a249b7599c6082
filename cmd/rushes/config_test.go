package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestConfigInitShowValidate(t *testing.T) {
	e := newEnv(t)
	out, stderr, code := e.runBare("config", "init")
	if code != 0 || !strings.Contains(out, "rushes.yaml") {
		t.Fatalf("config init: %d %q %q", code, out, stderr)
	}
	if _, _, code := e.runBare("config", "init"); code != exitUsage {
		t.Errorf("config init over an existing file: exit %d, want 2", code)
	}
	if out, stderr, code := e.runBare("config", "validate", "rushes.yaml"); code != 0 {
		t.Errorf("validate the starter file: %d %q %q", code, out, stderr)
	}
	writeFile(t, e.dir, "bad.yaml", []byte("libary: /tmp\nhash: crc32\n"))
	_, stderr, code = e.runBare("config", "validate", "bad.yaml")
	if code != exitUsage || !strings.Contains(stderr, "libary") || !strings.Contains(stderr, "library") || !strings.Contains(stderr, "crc32") {
		t.Errorf("validate bad.yaml: exit %d, %q", code, stderr)
	}
}

// Precedence: default < file < environment < flag, reported by config show.
func TestConfigPrecedenceThroughTheCLI(t *testing.T) {
	e := newEnv(t)
	writeFile(t, e.dir, "rushes.yaml", []byte("hash: md5\nlayout: \"{date}/{name}\"\nmode: copy\n"))
	t.Setenv("RUSHES_LAYOUT", "{date}/{scene}/{name}")
	t.Setenv("RUSHES_MODE", "copy")
	out, stderr, code := e.runBare("config", "show", "--json", "--mode", "copy")
	if code != 0 {
		t.Fatalf("config show: %d %s", code, stderr)
	}
	var rows []struct {
		Key    string `json:"key"`
		Value  any    `json:"value"`
		Source string `json:"source"`
	}
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	got := map[string]string{}
	for _, r := range rows {
		got[r.Key] = r.Source
	}
	want := map[string]string{"hash": "file", "layout": "env", "mode": "flag", "settle": "default"}
	for k, w := range want {
		if !strings.HasPrefix(got[k], w) {
			t.Errorf("%s comes from %q, want %s", k, got[k], w)
		}
	}
	// And the ingest really uses the effective values.
	card := filepath.Join(e.dir, "card")
	writeFile(t, card, "C0001.MP4", []byte("x"))
	if _, stderr, code := e.runBare("ingest", card); code != 0 {
		t.Fatal(stderr)
	}
	clips := listClipsBare(t, e)
	if len(clips) != 1 || clips[0].HashAlgo != "md5" || !strings.Contains(clips[0].LibraryPath, "/unsorted/C0001.MP4") {
		t.Errorf("ingest did not use file hash and env layout: %+v", clips)
	}
	if _, err := os.Stat(filepath.Join(e.dir, "library", ".rushes", "catalog.db")); err != nil {
		t.Errorf("default library ./library not used: %v", err)
	}
}

func listClipsBare(t *testing.T, e *env) []clipJSON {
	t.Helper()
	out, stderr, code := e.runBare("clips", "--json")
	if code != 0 {
		t.Fatalf("clips: %d %s", code, stderr)
	}
	var clips []clipJSON
	if err := json.Unmarshal([]byte(out), &clips); err != nil {
		t.Fatal(err)
	}
	return clips
}
