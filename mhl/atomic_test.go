package mhl

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
)

// Writers of one history take turns: each gets its own number, and the
// chain lists them all.
func TestWriteConcurrentGenerations(t *testing.T) {
	root := filepath.Join(t.TempDir(), "DAY")
	const n = 6
	files := map[string]string{}
	for i := range n {
		files[fmt.Sprintf("f%d.mov", i)] = fmt.Sprint(i)
	}
	writeTree(t, root, files)
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		e := entriesFor(t, root, "xxh128", "", fmt.Sprintf("f%d.mov", i))
		wg.Go(func() {
			_, err := Write(t.Context(), Generation{Root: root, Entries: e, Creator: creator(genDate)})
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	h, err := ReadHistory(root)
	if err != nil {
		t.Fatal(err)
	}
	checkChain(t, root, h, n)
	if len(h.Files) != n {
		t.Errorf("%d files known, want %d", len(h.Files), n)
	}
}

// A Write stopped between its generation and the chain leaves a generation
// the chain lacks: Verify says so, and the next Write puts it in the chain.
func TestWriteRepairsChainAfterInterruption(t *testing.T) {
	root := filepath.Join(t.TempDir(), "DAY")
	writeTree(t, root, map[string]string{"a": "a", "b": "b", "c": "c"})
	chain := filepath.Join(root, "ascmhl", "ascmhl_chain.xml")
	if _, err := Write(t.Context(), Generation{Root: root, Creator: creator(genDate), Entries: entriesFor(t, root, "xxh64", "", "a")}); err != nil {
		t.Fatal(err)
	}
	old, err := os.ReadFile(chain)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Write(t.Context(), Generation{Root: root, Creator: creator(genDate), Entries: entriesFor(t, root, "xxh64", "", "b")}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(chain, old, 0o644); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(root, "ascmhl", tempPrefix+"123")
	if err := os.WriteFile(stale, []byte("half"), 0o644); err != nil {
		t.Fatal(err)
	}
	problems, err := Verify(t.Context(), root)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, p := range problems {
		kinds = append(kinds, string(p.Kind)+" "+p.Path)
	}
	if want := []string{"new c", "history ascmhl/0002_DAY_2026-11-02_180405Z.mhl"}; !sameSet(kinds, want) {
		t.Errorf("problems %q, want %q", kinds, want)
	}
	if _, err := Write(t.Context(), Generation{Root: root, Creator: creator(genDate), Entries: entriesFor(t, root, "xxh64", "", "c")}); err != nil {
		t.Fatal(err)
	}
	h, err := ReadHistory(root)
	if err != nil {
		t.Fatal(err)
	}
	checkChain(t, root, h, 3)
	if _, err := os.Stat(stale); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("stale temporary file left: %v", err)
	}
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

func TestPlaceNewNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	final := filepath.Join(dir, "0001_x.mhl")
	if err := os.WriteFile(final, []byte("first"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := writeAtomic(dir, "0001_x.mhl", []byte("second"), false); err == nil {
		t.Error("overwrote an existing generation")
	}
	if b, _ := os.ReadFile(final); string(b) != "first" {
		t.Errorf("generation now holds %q", b)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("%d files left, want 1", len(ents))
	}
}
