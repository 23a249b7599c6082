//go:build unix

package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
)

// A card given as a symlink to its folder is offloaded like the folder
// (issue 12, defect 7).
func TestCardGivenAsSymlinkIsOffloaded(t *testing.T) {
	s := newStation(t, "")
	want := map[string][]byte{"C0001.MP4": pseudoRandom(40_000, 1), "C0002.MP4": pseudoRandom(30_000, 2)}
	for name, b := range want {
		writeFile(t, s.path("cards/A001"), "CLIP/"+name, b)
	}
	link := s.path("A001")
	if err := os.Symlink(s.path("cards/A001"), link); err != nil {
		t.Fatal(err)
	}
	r := s.rushes("ingest", link)
	if r.code != 0 || !strings.Contains(r.stdout, "SAFE: all 2 files") {
		t.Errorf("ingest of a card given as a symlink: %v", r)
	}
	s.checkSafe(want, 2, s.lib)
}

// Inside a card, a symlink and a FIFO are not offloaded but named in the
// summary; SAFE counts only the files verified (issue 12, defect 7).
func TestSpecialFilesInACardAreSkippedAndNamed(t *testing.T) {
	s := newStation(t, "")
	card := s.path("card")
	want := map[string][]byte{"C0001.MP4": pseudoRandom(40_000, 1), "C0002.MP4": pseudoRandom(30_000, 2)}
	for name, b := range want {
		writeFile(t, card, "CLIP/"+name, b)
	}
	outside := writeFile(t, s.path("elsewhere"), "NOTES.TXT", []byte("not on the card"))
	if err := os.Symlink(outside, filepath.Join(card, "CLIP", "LINK.MP4")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(card, "CLIP", "PIPE.WAV"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := s.rushes("ingest", card)
	line := regexp.MustCompile(`(?m)^2 skipped: .*$`).FindString(r.stdout)
	if line == "" || !strings.Contains(line, "LINK.MP4") || !strings.Contains(line, "PIPE.WAV") {
		t.Errorf("summary does not say `2 skipped:` naming LINK.MP4 and PIPE.WAV: %v", r)
	}
	if !strings.Contains(r.stdout, "SAFE: all 2 files") {
		t.Errorf("SAFE does not count exactly the 2 verified files: %v", r)
	}
	s.checkSafe(want, 2, s.lib)
}

// An empty drop is said to be empty, and never called SAFE.
func TestEmptyDropSaysNothingToOffload(t *testing.T) {
	s := newStation(t, "")
	empty := s.path("EMPTY_CARD")
	if err := os.MkdirAll(filepath.Join(empty, "DCIM"), 0o755); err != nil {
		t.Fatal(err)
	}
	r := s.rushes("ingest", empty)
	if !strings.Contains(r.stdout+r.stderr, "nothing to offload") || strings.Contains(r.stdout, "SAFE") {
		t.Errorf("empty drop: want a `nothing to offload` warning and no SAFE line: %v", r)
	}
}

// One folder of a card that cannot be read fails its files with the
// reason; the rest of the card is offloaded; exit 1 (issue 12, defect 8).
func TestUnreadableFolderFailsOnlyItself(t *testing.T) {
	s := newStation(t, "")
	card := s.path("card")
	want := map[string][]byte{"C0001.MP4": pseudoRandom(40_000, 1), "A001C001.MOV": pseudoRandom(30_000, 2)}
	writeFile(t, card, "CLIP/C0001.MP4", want["C0001.MP4"])
	writeFile(t, card, "A001/A001C001.MOV", want["A001C001.MOV"])
	writeFile(t, card, "LOCKED/B001C001.MOV", pseudoRandom(20_000, 3))
	locked := filepath.Join(card, "LOCKED")
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(locked, 0o755) }) // lets t.TempDir remove it
	r := s.runCmd(withoutDAC(t, s.command(nil, "ingest", card)))
	if r.code != 1 {
		t.Errorf("a card with an unreadable folder: want exit 1, %v", r)
	}
	failed := regexp.MustCompile(`(?m)^.*` + regexp.QuoteMeta(locked) + `.*permission denied.*$`).FindString(r.stdout + r.stderr)
	if failed == "" {
		t.Errorf("the unreadable folder %s is not named with its reason: %v", locked, r)
	}
	if strings.Contains(r.stdout, "SAFE") {
		t.Errorf("a card with a folder not offloaded was called SAFE: %v", r)
	}
	s.checkSafe(want, 2, s.lib)
}
