package watcher

import (
	"path/filepath"
	"strings"
	"time"
)

// root is a watched root and what the watcher knows about it.
type root struct {
	Root
	real   string // Path with symlinks resolved: how /proc names open files
	volume bool   // a drive found mounted under a volume parent

	// Guarded by Watcher.mu.
	pollWhy  string // why it is polled for good: configured, network filesystem, no inotify
	degraded string // why it is polled for now (a watch limit); empty when watches work
	missing  bool
	lastScan time.Time
	scanTook time.Duration
	err      string
	removed  bool
}

func newRoot(r Root, volume bool) *root {
	r.Path = filepath.Clean(r.Path)
	real, err := filepath.EvalSymlinks(r.Path)
	if err != nil {
		real = r.Path
	}
	rt := &root{Root: r, real: real, volume: volume}
	if r.Poll {
		rt.pollWhy = "configured"
	}
	return rt
}

// polled says whether r is scanned periodically instead of watched. Call with w.mu held.
func (r *root) polled() bool { return r.pollWhy != "" || r.degraded != "" }

// rootOf returns the root p is in (the deepest one when roots nest), or nil.
func (w *Watcher) rootOf(p string) *root {
	w.mu.Lock()
	defer w.mu.Unlock()
	var best *root
	for _, r := range w.roots {
		if within(p, r.Path) && (best == nil || len(r.Path) > len(best.Path)) {
			best = r
		}
	}
	return best
}

// rootList returns the current roots.
func (w *Watcher) rootList() []*root {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]*root(nil), w.roots...)
}

// addRoot adds a root found at run time (a mounted volume) unless one covers it already.
func (w *Watcher) addRoot(r *root) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, o := range w.roots {
		if within(r.Path, o.Path) || within(o.Path, r.Path) {
			return false
		}
	}
	w.roots = append(w.roots, r)
	return true
}

// removeRoot drops a root found at run time (its volume was unmounted).
func (w *Watcher) removeRoot(r *root) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for i, o := range w.roots {
		if o == r {
			w.roots = append(w.roots[:i:i], w.roots[i+1:]...)
			break
		}
	}
	r.removed = true
}

// within reports whether p is dir or inside it.
func within(p, dir string) bool {
	if p == dir {
		return true
	}
	if !strings.HasPrefix(p, dir) {
		return false
	}
	if strings.HasSuffix(dir, string(filepath.Separator)) { // the filesystem root
		return true
	}
	return p[len(dir)] == filepath.Separator
}

// rel returns p relative to dir, which contains it ("" for dir itself).
func rel(p, dir string) string {
	if p == dir {
		return ""
	}
	r := p[len(dir):]
	return strings.TrimPrefix(r, string(filepath.Separator))
}

// join appends a name to a folder without the cleaning filepath.Join does.
func join(dir, name string) string {
	if strings.HasSuffix(dir, string(filepath.Separator)) {
		return dir + name
	}
	return dir + string(filepath.Separator) + name
}
