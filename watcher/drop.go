package watcher

import (
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/rushes/rushes/config"
)

// File is one complete file.
type File struct {
	Path  string // absolute
	Size  int64
	Mtime time.Time
}

// Drop is a group of complete files that arrived together: a card folder (a first-level folder
// under a root), a loose file at a root's top, or a whole mounted volume (a Card root).
//
// When a drop is delivered none of its files is still settling: every file the watcher knows
// under Path is either in Files or in Done. A card is therefore safe as a whole once these files
// and the Done ones are verified. Files that appear under Path later come in a later Drop.
type Drop struct {
	Root  string // the root it was found under
	Path  string // the card folder, the loose file, or the root itself for a Card root
	Files []File // sorted by path; never empty
	// Done are the files under Path delivered in earlier drops or already Known, as last seen,
	// sorted by path: with Files they are the whole card, which is what a report must count.
	Done    []File
	Earlier int // len(Done)
}

// Name is the drop's base name: the card's name, or the loose file's.
func (d Drop) Name() string { return filepath.Base(d.Path) }

// dropPath returns the drop p belongs to under r: r itself for a Card root, else the
// first-level entry under r on the way to p.
func dropPath(r *root, p string) string {
	if r.Card || p == r.Path {
		return r.Path
	}
	first, _, _ := strings.Cut(rel(p, r.Path), string(filepath.Separator))
	return join(r.Path, first)
}

// extraJunk are names config.BuiltinIgnore does not list yet but pipeline.Walk skips: the
// watcher must not wait on (or deliver) what ingest would leave out anyway.
var extraJunk = []string{"$RECYCLE.BIN", "System Volume Information"}

// BuiltinIgnore returns the name globs the watcher always skips.
func BuiltinIgnore() []string {
	globs := config.BuiltinIgnore()
	for _, g := range extraJunk {
		if !contains(globs, g) {
			globs = append(globs, g)
		}
	}
	return globs
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// filter decides what is never looked at: junk names and excluded paths.
type filter struct {
	globs   []string
	exclude []string
}

func newFilter(ignore, exclude []string) filter {
	f := filter{globs: append(BuiltinIgnore(), ignore...)}
	for _, e := range exclude {
		if e != "" {
			f.exclude = append(f.exclude, filepath.Clean(e))
		}
	}
	return f
}

// skipName reports whether a file or folder name is junk.
func (f filter) skipName(name string) bool {
	for _, g := range f.globs {
		if ok, _ := path.Match(g, name); ok {
			return true
		}
	}
	return false
}

// skipPath reports whether p is excluded.
func (f filter) skipPath(p string) bool {
	for _, e := range f.exclude {
		if within(p, e) {
			return true
		}
	}
	return false
}

// skipUnder reports whether p, inside root, is excluded or has a junk name on the way down.
func (f filter) skipUnder(r *root, p string) bool {
	if f.skipPath(p) {
		return true
	}
	for _, name := range strings.Split(rel(p, r.Path), string(filepath.Separator)) {
		if name != "" && f.skipName(name) {
			return true
		}
	}
	return false
}
