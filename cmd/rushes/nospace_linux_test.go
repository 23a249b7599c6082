package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// A full library disk fails the run with exit 1, names the file and the
// space needed, leaves no partial file, and lists nothing unverified.
func TestIngestDiskFullExits1(t *testing.T) {
	e := newEnv(t)
	if err := os.MkdirAll(e.lib, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := unix.Mount("tmpfs", e.lib, "tmpfs", 0, "size=1m"); err != nil {
		t.Skipf("cannot mount a small tmpfs here (%v): the offload package's fault-injection test covers ENOSPC", err)
	}
	t.Cleanup(func() { unix.Unmount(e.lib, unix.MNT_DETACH) })
	card := filepath.Join(e.dir, "card")
	writeFile(t, card, "A_small.WAV", pseudoRandom(10_000, 1))
	if _, stderr, code := e.run("ingest", card); code != 0 {
		t.Fatalf("first ingest: %s", stderr)
	}
	writeFile(t, card, "B_big.MOV", pseudoRandom(3<<20, 2))

	out, stderr, code := e.run("ingest", card)
	if code != exitFailed {
		t.Fatalf("exit %d, want 1\n%s\n%s", code, out, stderr)
	}
	all := out + stderr
	if !strings.Contains(all, "B_big.MOV") || !strings.Contains(all, "no space left on") || !strings.Contains(all, "needs") {
		t.Errorf("message does not name the file and the space needed:\n%s", all)
	}
	clips := listClips(t, e)
	if len(clips) != 1 || clips[0].Name != "A_small.WAV" {
		t.Errorf("catalog after a full disk: %+v", clips)
	}
	checkLibraryHoldsExactly(t, e.lib, map[string][]byte{"A_small.WAV": pseudoRandom(10_000, 1)})
}
