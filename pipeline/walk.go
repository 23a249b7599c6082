package pipeline

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/rushes/rushes/fsutil"
)

// BuiltinIgnore are the junk names operating systems leave on cards; they are
// never offloaded, whatever the configuration says.
var builtinIgnore = []string{".DS_Store", "._*", "Thumbs.db", "desktop.ini", ".Trashes", ".Spotlight-*", ".fseventsd", ".TemporaryItems", "$RECYCLE.BIN", "System Volume Information"}

// BuiltinIgnore returns the built-in ignore globs.
func BuiltinIgnore() []string { return append([]string(nil), builtinIgnore...) }

// Source is one file found under a path given to ingest.
type Source struct {
	Path  string // absolute
	Root  string // the path given to ingest (a card or folder)
	Card  string // the card's name: the base name of Root
	Size  int64
	Mtime time.Time
}

// Skipped is a file or folder the walk left out, and why. Err is set when
// it could not be read (a folder without permission, an I/O error): that is
// a failure of the card's offload, not a choice.
type Skipped struct {
	Path   string
	Reason string
	Err    error
}

// Junk reports whether the walk left it out by name (.DS_Store and the
// like), which is not worth telling anyone.
func (s Skipped) Junk() bool { return s.Reason == reasonIgnored }

const reasonIgnored = "ignored name"

// Walk lists the regular files under roots in a stable order, leaving out
// junk, the library itself (a library inside a card folder must never be
// ingested into itself), and, named in skipped, what is not a regular file
// (symbolic links, pipes, devices, sockets inside a card) and what could not
// be read (with Err). A root given as a symbolic link (a card mounted
// through a link, a watch root that is one) is followed.
func Walk(ctx context.Context, roots []string, library string, ignore []string) ([]Source, []Skipped, error) {
	var out []Source
	var skipped []Skipped
	for _, root := range roots {
		abs, err := filepath.Abs(root)
		if err != nil {
			return nil, nil, fmt.Errorf("source %s: %w", root, err)
		}
		if resolved, err := filepath.EvalSymlinks(abs); err == nil {
			abs = resolved
		}
		info, err := os.Stat(abs)
		if err != nil {
			return nil, nil, fmt.Errorf("source %s: %w", root, err)
		}
		if within(abs, library) {
			return nil, nil, fmt.Errorf("source %s is inside the library %s: ingest the card, not the library", root, library)
		}
		// A file given alone belongs to its folder: names below the root
		// (the file's own) still count, and {card} is the folder's name.
		top := abs
		if !info.IsDir() {
			top = filepath.Dir(abs)
		}
		card := filepath.Base(top)
		err = walkDir(abs, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if p == abs && d == nil {
					return fmt.Errorf("read %s: %w", p, err)
				}
				// One unreadable folder fails its own files, not the card.
				skipped = append(skipped, Skipped{p, "could not be read", err})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if ctxErr := ctx.Err(); ctxErr != nil {
				return ctxErr
			}
			name := d.Name()
			if p != abs && ignored(name, ignore) {
				skipped = append(skipped, Skipped{p, reasonIgnored, nil})
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				if p == library || within(p, library) {
					return fs.SkipDir
				}
				return nil
			}
			if !d.Type().IsRegular() {
				skipped = append(skipped, Skipped{p, notRegular(d.Type()), nil})
				return nil
			}
			fi, err := d.Info()
			if err != nil {
				skipped = append(skipped, Skipped{p, "could not be read", err})
				return nil
			}
			out = append(out, Source{Path: p, Root: top, Card: card, Size: fi.Size(), Mtime: fi.ModTime()})
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return dedupe(out), skipped, nil
}

// notRegular names what a file that is not a regular file is.
func notRegular(m fs.FileMode) string {
	switch {
	case m&fs.ModeSymlink != 0:
		return "symbolic link"
	case m&fs.ModeNamedPipe != 0:
		return "named pipe"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeDevice != 0:
		return "device"
	}
	return "not a regular file"
}

// dedupe drops a file listed twice (overlapping paths given to ingest).
func dedupe(in []Source) []Source {
	out := in[:0]
	for i, s := range in {
		if i > 0 && in[i-1].Path == s.Path {
			continue
		}
		out = append(out, s)
	}
	return out
}

func ignored(name string, globs []string) bool {
	for _, g := range append(builtinIgnore, globs...) {
		if ok, _ := path.Match(g, name); ok {
			return true
		}
	}
	return false
}

// within reports whether p is dir or inside it.
func within(p, dir string) bool {
	if dir == "" {
		return false
	}
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// walkDir is filepath.WalkDir listing folders through fsutil.ReadDir, so
// that walking a card leaves its folders' access times alone too.
func walkDir(root string, fn fs.WalkDirFunc) error {
	info, err := os.Lstat(root)
	if err != nil {
		err = fn(root, nil, err)
	} else {
		err = walkEntry(root, fs.FileInfoToDirEntry(info), fn)
	}
	if err == fs.SkipDir || err == fs.SkipAll {
		return nil
	}
	return err
}

func walkEntry(path string, d fs.DirEntry, fn fs.WalkDirFunc) error {
	if err := fn(path, d, nil); err != nil || !d.IsDir() {
		if err == fs.SkipDir && d.IsDir() {
			err = nil
		}
		return err
	}
	entries, err := fsutil.ReadDir(path)
	if err != nil {
		if err = fn(path, d, err); err != nil {
			if err == fs.SkipDir {
				err = nil
			}
			return err
		}
	}
	for _, e := range entries {
		if err := walkEntry(filepath.Join(path, e.Name()), e, fn); err != nil {
			if err == fs.SkipDir {
				break
			}
			return err
		}
	}
	return nil
}
