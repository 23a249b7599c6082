package mhl

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// A chain that lacks a generation (a Write stopped between its two files,
// or the chain file deleted) is repaired, and Verify passes again.
func TestRepairChainAddsTheMissingGenerations(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{"A/one.mov": "one", "B/two.wav": "two"})
	ctx := context.Background()
	for i, p := range []string{"A/one.mov", "B/two.wav"} {
		g := Generation{Root: root, Entries: entriesFor(t, root, "xxh64", ActionOriginal, p),
			Creator: creator(time.Date(2026, 1, 1, 10, i, 0, 0, time.UTC))}
		if _, err := Write(ctx, g); err != nil {
			t.Fatal(err)
		}
	}
	if fixed, err := RepairChain(ctx, root); err != nil || fixed {
		t.Fatalf("a whole chain repaired: %v %v", fixed, err)
	}
	os.Remove(filepath.Join(root, historyDir, chainFile))
	if fixed, err := RepairChain(ctx, root); err != nil || !fixed {
		t.Fatalf("RepairChain: %v %v", fixed, err)
	}
	h, err := ReadHistory(root)
	if err != nil || len(h.Chain) != 2 {
		t.Fatalf("chain after repair: %+v %v", h, err)
	}
	if problems, err := Verify(ctx, root); err != nil || len(problems) != 0 {
		t.Errorf("verify after repair: %v %+v", err, problems)
	}
}

// Catchup records what the history lacks, finds a moved file by its
// content, and leaves out files that are not there.
func TestCatchupRecordsMissingFilesAndMoves(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{"unsorted/one.mov": "one"})
	ctx := context.Background()
	e := entriesFor(t, root, "xxh64", ActionOriginal, "unsorted/one.mov")
	if _, err := Write(ctx, Generation{Root: root, Entries: e, Creator: creator(time.Now())}); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(root, "12"), 0o755)
	os.Rename(filepath.Join(root, "unsorted/one.mov"), filepath.Join(root, "12/one.mov"))
	writeTree(t, root, map[string]string{"12/two.wav": "two"})
	two := entriesFor(t, root, "xxh64", ActionOriginal, "12/two.wav")[0]
	files := []Known{
		{Path: "12/one.mov", Size: 3, Algo: "xxh64", Hash: e[0].Hash},
		{Path: "12/two.wav", Size: 3, Algo: "xxh64", Hash: two.Hash, Fresh: true},
		{Path: "13/absent.wav", Size: 3, Algo: "xxh64", Hash: two.Hash},
	}
	g, problems, err := Catchup(ctx, root, files, nil)
	if err != nil || len(problems) != 0 {
		t.Fatal(err, problems)
	}
	if len(g.Renames) != 1 || g.Renames[0] != (Rename{From: "unsorted/one.mov", To: "12/one.mov"}) {
		t.Errorf("renames %+v", g.Renames)
	}
	if len(g.Entries) != 1 || g.Entries[0].Path != "12/two.wav" {
		t.Errorf("entries %+v", g.Entries)
	}
	g.Creator = creator(time.Now())
	if _, err := Write(ctx, g); err != nil {
		t.Fatal(err)
	}
	if problems, err := Verify(ctx, root); err != nil || len(problems) != 0 {
		t.Errorf("verify after catch-up: %v %+v", err, problems)
	}
	if g, _, _ := Catchup(ctx, root, files, nil); len(g.Entries)+len(g.Renames) != 0 {
		t.Errorf("a history up to date still lacks %+v", g)
	}
}
