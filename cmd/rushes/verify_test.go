package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// verify finds a flipped byte and a deleted file, naming each, and exits 1.
func TestVerifyFindsFlippedByteAndMissingFile(t *testing.T) {
	e := newEnv(t)
	card := filepath.Join(e.dir, "card")
	for i, n := range []string{"A.MOV", "B.MOV", "C.WAV"} {
		writeFile(t, card, n, pseudoRandom(50_000+i, uint64(i)))
	}
	if _, stderr, code := e.run("ingest", card); code != 0 {
		t.Fatal(stderr)
	}
	out, _, code := e.run("verify", "--format", "table")
	if code != 0 || !strings.Contains(out, "3 files in 3 clips verified") {
		t.Fatalf("clean library: exit %d\n%s", code, out)
	}
	byName := map[string]string{}
	for _, c := range listClips(t, e) {
		byName[c.Name] = c.LibraryPath
	}
	b, _ := os.ReadFile(byName["A.MOV"])
	b[12345] ^= 0x01
	os.Chmod(byName["A.MOV"], 0o644)
	if err := os.WriteFile(byName["A.MOV"], b, 0o644); err != nil {
		t.Fatal(err)
	}
	os.Remove(byName["C.WAV"])
	out, stderr, code := e.run("verify", "--json")
	if code != exitFailed || !strings.Contains(stderr, "2 of 3 library files missing or changed") {
		t.Fatalf("damaged library: exit %d, %q", code, stderr)
	}
	var checks []fileCheck
	if err := json.Unmarshal([]byte(out), &checks); err != nil {
		t.Fatal(err)
	}
	status := map[string]string{}
	for _, c := range checks {
		status[filepath.Base(c.Path)] = c.Status
	}
	if status["A.MOV"] != "changed" || status["B.MOV"] != "ok" || status["C.WAV"] != "missing" {
		t.Errorf("statuses %v", status)
	}
	out, _, _ = e.run("verify", "--format", "table")
	if !strings.Contains(out, "changed") || !strings.Contains(out, byName["A.MOV"]) || !strings.Contains(out, byName["C.WAV"]) {
		t.Errorf("table does not name the damaged files:\n%s", out)
	}
}
