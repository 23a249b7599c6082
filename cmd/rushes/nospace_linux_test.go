package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// A library disk without room for the card refuses the run before a byte is
// copied: exit 1, the destination and the shortfall named, no partial
// file, nothing unverified listed, and no SAFE.
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
	if !strings.Contains(all, "not enough space on "+e.lib) || !strings.Contains(all, "needs") || !strings.Contains(all, "short by") || strings.Contains("\n"+out, "\nSAFE:") {
		t.Errorf("message does not name the destination and the shortfall, or says SAFE:\n%s", all)
	}
	clips := listClips(t, e)
	if len(clips) != 1 || clips[0].Name != "A_small.WAV" {
		t.Errorf("catalog after a full disk: %+v", clips)
	}
	checkLibraryHoldsExactly(t, e.lib, map[string][]byte{"A_small.WAV": pseudoRandom(10_000, 1)})
}
