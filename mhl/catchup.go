package mhl

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
)

// Known is a file that is verified at Path below a history's root, as the
// caller's own record (rushes' catalog) says: the truth a history is brought
// up to date with.
type Known struct {
	Path  string // relative to the root, slash-separated
	Size  int64
	Algo  string
	Hash  string
	Fresh bool // verified by this process just now: its hash needs no second read
}

// Rehash reads a file from the disk and returns its hash in algo; Catchup
// calls it for a file the history lacks that was not verified just now.
type Rehash func(ctx context.Context, path, algo string) (string, error)

// Catchup compares the history of root with the files the caller knows to be
// verified there and returns the generation that records what the history
// lacks: a file at a path it does not know is an entry (re-hashed first
// unless Fresh, and left out when the bytes there differ), and a file it knows
// at another path, now gone, with the same size and hash is a rename. Files
// not on this root (a backup that never received them) are left out. It
// returns a generation with no entries and no renames when the history is
// up to date, and the files that could not be recorded, each with the reason.
// Nothing is written.
func Catchup(ctx context.Context, root string, files []Known, rehash Rehash) (Generation, []error, error) {
	h, err := readHistory(root)
	if err != nil {
		return Generation{}, nil, fmt.Errorf("read history of %s: %w", root, err)
	}
	g := Generation{Root: root}
	known := make(map[string]bool, len(files))
	for _, f := range files {
		known[f.Path] = true
	}
	gone := goneByContent(root, h, known)
	var problems []error
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return g, problems, err
		}
		abs := filepath.Join(root, filepath.FromSlash(f.Path))
		fi, err := os.Lstat(abs)
		if err != nil || !fi.Mode().IsRegular() || fi.Size() != f.Size {
			continue // not on this root, or not this file: nothing to record
		}
		if st, ok := h.File(f.Path); ok {
			if e, same := hashIn(st, f.Algo); same && e.Hash != f.Hash {
				problems = append(problems, fmt.Errorf("%s: the ASC MHL history records %s %s, the catalog %s: run rushes verify", abs, f.Algo, e.Hash, f.Hash))
			}
			continue // known, in this algorithm or another
		}
		if from, ok := gone.take(f); ok {
			g.Renames = append(g.Renames, Rename{From: from, To: f.Path})
			continue
		}
		if !f.Fresh && rehash != nil {
			sum, err := rehash(ctx, abs, f.Algo)
			if err != nil {
				problems = append(problems, fmt.Errorf("%s: not recorded in the ASC MHL history: %w", abs, err))
				continue
			}
			if sum != f.Hash {
				problems = append(problems, fmt.Errorf("%s: reads %s %s, the catalog records %s: not recorded in the ASC MHL history; run rushes verify", abs, f.Algo, sum, f.Hash))
				continue
			}
		}
		g.Entries = append(g.Entries, Entry{Path: f.Path, Size: f.Size, ModTime: fi.ModTime(), Algo: f.Algo, Hash: f.Hash, Action: ActionOriginal})
	}
	return g, problems, nil
}

func hashIn(st FileState, algo string) (Entry, bool) {
	i := slices.IndexFunc(st.Hashes, func(e Entry) bool { return e.Algo == algo })
	if i < 0 {
		return Entry{}, false
	}
	return st.Hashes[i], true
}

type contentKey struct {
	size       int64
	algo, hash string
}

// goneFiles are the paths a history knows that are no longer on the disk
// and no longer known to the caller, by content: where a moved file was.
type goneFiles struct {
	byContent map[contentKey][]string
	taken     map[string]bool
}

func goneByContent(root string, h *History, known map[string]bool) goneFiles {
	gone := goneFiles{byContent: map[contentKey][]string{}, taken: map[string]bool{}}
	for _, f := range h.Files {
		if known[f.Path] || isFile(filepath.Join(root, filepath.FromSlash(f.Path))) {
			continue
		}
		for _, e := range f.Hashes {
			k := contentKey{f.Size, e.Algo, e.Hash}
			gone.byContent[k] = append(gone.byContent[k], f.Path)
		}
	}
	return gone
}

// take returns an old path of f's content, each old path once.
func (g goneFiles) take(f Known) (string, bool) {
	for _, p := range g.byContent[contentKey{f.Size, f.Algo, f.Hash}] {
		if !g.taken[p] {
			g.taken[p] = true
			return p, true
		}
	}
	return "", false
}
