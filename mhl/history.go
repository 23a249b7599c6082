package mhl

import (
	"slices"
	"strings"
	"time"
)

// History is a folder's ASC MHL history as read from its ascmhl/ folder.
type History struct {
	Root        string      // the folder the history covers
	Chain       []ChainLink // as the chain file lists them
	Generations []HashList  // every generation file, in sequence order
	Files       []FileState // every path the history knows now, sorted by path
}

// FileState is what a history knows of one path after all its generations.
type FileState struct {
	Path    string
	Size    int64
	ModTime time.Time
	// Hashes holds the latest hash per algorithm whose action was not
	// "failed", in schema order (c4, md5, sha1, xxh128, xxh3, xxh64).
	Hashes     []Entry
	Generation int // the last generation that recorded the path
}

// File returns what the history knows of the slash-separated path p.
func (h *History) File(p string) (FileState, bool) {
	i, ok := slices.BinarySearchFunc(h.Files, p, func(f FileState, p string) int { return strings.Compare(f.Path, p) })
	if !ok {
		return FileState{}, false
	}
	return h.Files[i], true
}

// Ignore returns the ignore patterns of the latest generation, which carry
// the earlier ones forward.
func (h *History) Ignore() []string {
	if len(h.Generations) == 0 {
		return nil
	}
	return h.Generations[len(h.Generations)-1].Ignore
}

// currentFiles replays the generations in order: a later record of a path
// replaces an earlier one algorithm by algorithm (a failed hash never
// replaces a good one), and a rename moves what was known of the old path.
func currentFiles(gens []HashList) []FileState {
	files := map[string]*FileState{}
	for _, g := range gens {
		for _, r := range g.Renames {
			if f, ok := files[r.From]; ok && r.From != r.To {
				files[r.To] = &FileState{Path: r.To, Size: f.Size, ModTime: f.ModTime, Hashes: f.Hashes, Generation: g.Number}
				delete(files, r.From)
			}
		}
		for _, e := range g.Entries {
			f := files[e.Path]
			if f == nil {
				f = &FileState{Path: e.Path}
				files[e.Path] = f
			}
			f.Size, f.ModTime, f.Generation = e.Size, e.ModTime, g.Number
			if e.Action == ActionFailed {
				continue
			}
			i := slices.IndexFunc(f.Hashes, func(h Entry) bool { return h.Algo == e.Algo })
			if i < 0 {
				f.Hashes = append(f.Hashes, e)
			} else {
				f.Hashes = slices.Clone(f.Hashes)
				f.Hashes[i] = e
			}
		}
	}
	out := make([]FileState, 0, len(files))
	for _, f := range files {
		slices.SortFunc(f.Hashes, func(a, b Entry) int { return algoRank(a.Algo) - algoRank(b.Algo) })
		out = append(out, *f)
	}
	slices.SortFunc(out, func(a, b FileState) int { return strings.Compare(a.Path, b.Path) })
	return out
}
