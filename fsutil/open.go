package fsutil

import (
	"io/fs"
	"slices"
	"strings"
)

// ReadDir lists dir as os.ReadDir does (sorted by name), but opens it with
// OpenRead, so that listing a card's folder does not touch its access time
// either.
func ReadDir(dir string) ([]fs.DirEntry, error) {
	f, err := OpenRead(dir)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	entries, err := f.ReadDir(-1)
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return entries, err
}
