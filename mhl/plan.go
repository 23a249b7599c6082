package mhl

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"time"
)

// record is what a generation lists for one file.
type record struct {
	path     string
	size     int64
	modTime  time.Time
	values   []Entry // one per algorithm, in schema order
	previous string  // the path it was renamed from, if any
}

// plan is a generation laid out as a tree: every file the folder is known to
// hold (for directory hashes), the ones this generation records marked.
type plan struct {
	tree  *node
	algos []string                     // algorithms of the directory hashes
	dirs  map[string]map[string]dirSum // algorithm -> folder -> sums
}

// makePlan merges g (normalized) with what the history h knows of the files
// still in root.
func makePlan(root string, g Generation, h *History) (*plan, error) {
	recs, err := records(g.Entries)
	if err != nil {
		return nil, err
	}
	movedAway := map[string]bool{}
	for _, r := range g.Renames {
		if err := addRename(root, recs, h, r, movedAway); err != nil {
			return nil, err
		}
	}
	p := &plan{tree: newDir(""), dirs: map[string]map[string]dirSum{}}
	for _, k := range slices.Sorted(maps.Keys(recs)) {
		rec := recs[k]
		n, err := p.tree.add(rec.path)
		if err != nil {
			return nil, err
		}
		n.rec, n.sums = rec, inheritedSums(rec, h)
		for _, v := range rec.values {
			n.sums[v.Algo] = v.Hash
			if !slices.Contains(p.algos, v.Algo) {
				p.algos = append(p.algos, v.Algo)
			}
		}
	}
	slices.SortFunc(p.algos, func(a, b string) int { return algoRank(a) - algoRank(b) })
	// Files recorded before and still there count in the directory hashes
	// with their latest hashes: a folder's hash describes all it holds.
	for _, f := range h.Files {
		if recs[f.Path] != nil || movedAway[f.Path] || !isFile(filepath.Join(root, filepath.FromSlash(f.Path))) {
			continue
		}
		n, err := p.tree.add(f.Path)
		if err != nil {
			continue // a folder now stands where the file was
		}
		n.sums = map[string]string{}
		for _, e := range f.Hashes {
			n.sums[e.Algo] = e.Hash
		}
	}
	for _, algo := range p.algos {
		p.dirs[algo] = map[string]dirSum{}
		if _, _, err := p.tree.dirSums(algo, ".", p.dirs[algo]); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// records groups entries by path, one value per algorithm.
func records(entries []Entry) (map[string]*record, error) {
	recs := map[string]*record{}
	for _, e := range entries {
		r := recs[e.Path]
		if r == nil {
			r = &record{path: e.Path, size: e.Size, modTime: e.ModTime}
			recs[e.Path] = r
		}
		if r.size != e.Size {
			return nil, fmt.Errorf("%s: entries disagree on the size (%d, %d)", e.Path, r.size, e.Size)
		}
		if r.modTime.IsZero() {
			r.modTime = e.ModTime
		}
		if slices.ContainsFunc(r.values, func(v Entry) bool { return v.Algo == e.Algo }) {
			return nil, fmt.Errorf("%s: two %s entries", e.Path, e.Algo)
		}
		r.values = append(r.values, e)
	}
	for _, r := range recs {
		sortValues(r.values)
	}
	return recs, nil
}

// addRename records r.To with the hashes known for r.From.
func addRename(root string, recs map[string]*record, h *History, r Rename, movedAway map[string]bool) error {
	if recs[r.From] != nil || movedAway[r.From] {
		return fmt.Errorf("rename %s: the old path is recorded again in this generation", r.From)
	}
	from, known := h.File(r.From)
	rec := recs[r.To]
	if !known && rec == nil {
		return fmt.Errorf("rename %s to %s: the history does not know %s, and there is no entry for %s", r.From, r.To, r.From, r.To)
	}
	if rec != nil && rec.previous != "" {
		return fmt.Errorf("rename to %s: twice", r.To)
	}
	if rec == nil {
		fi, err := os.Lstat(filepath.Join(root, filepath.FromSlash(r.To)))
		if err != nil {
			return fmt.Errorf("rename %s to %s: %w", r.From, r.To, err)
		}
		if !fi.Mode().IsRegular() {
			return fmt.Errorf("rename %s to %s: not a regular file", r.From, r.To)
		}
		if fi.Size() != from.Size {
			return fmt.Errorf("rename %s to %s: %d bytes, the history recorded %d", r.From, r.To, fi.Size(), from.Size)
		}
		rec = &record{path: r.To, size: fi.Size(), modTime: fi.ModTime()}
		recs[r.To] = rec
	}
	for _, e := range from.Hashes {
		if !slices.ContainsFunc(rec.values, func(v Entry) bool { return v.Algo == e.Algo }) {
			e.Path, e.Size, e.ModTime, e.Action = r.To, rec.size, rec.modTime, ActionOriginal
			rec.values = append(rec.values, e)
		}
	}
	sortValues(rec.values)
	rec.previous = r.From
	movedAway[r.From] = true
	return nil
}

// inheritedSums are the hashes of other algorithms a record keeps from the
// history: only when it merely verified the file (or moved it) does what was
// known still describe the same bytes.
func inheritedSums(rec *record, h *History) map[string]string {
	sums := map[string]string{}
	src := rec.path
	if rec.previous != "" {
		src = rec.previous
	}
	for _, v := range rec.values {
		if rec.previous == "" && v.Action != ActionVerified {
			return sums
		}
	}
	if f, ok := h.File(src); ok {
		for _, e := range f.Hashes {
			sums[e.Algo] = e.Hash
		}
	}
	return sums
}

func sortValues(vs []Entry) {
	slices.SortFunc(vs, func(a, b Entry) int { return algoRank(a.Algo) - algoRank(b.Algo) })
}

func isFile(p string) bool {
	fi, err := os.Lstat(p)
	return err == nil && fi.Mode().IsRegular()
}

// dirModTime is a folder's modification time, zero when it cannot be read.
func dirModTime(p string) time.Time {
	fi, err := os.Lstat(p)
	if err != nil || !fi.IsDir() {
		return time.Time{}
	}
	return fi.ModTime()
}
