package watcher

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"
)

// lookup returns the state of the file at p, if it is tracked.
func (t *tracker) lookup(p string) (*rootState, *dropState, *fileState) {
	r := t.w.rootOf(p)
	rs := t.roots[r]
	if rs == nil {
		return nil, nil, nil
	}
	d := rs.drops[dropPath(r, p)]
	if d == nil {
		return rs, nil, nil
	}
	return rs, d, d.files[p]
}

// seen records a file as observed: new files are checked against the catalog and start
// settling; a changed file starts over.
func (t *tracker) seen(ctx context.Context, rs *rootState, sf seenFile) {
	key := dropPath(rs.r, sf.path)
	d := rs.drops[key]
	if d == nil {
		d = &dropState{path: key, root: rs, files: map[string]*fileState{}}
		rs.drops[key] = d
	}
	mt := sf.mtime.UnixNano()
	f := d.files[sf.path]
	if f == nil {
		f = &fileState{path: sf.path, size: sf.size, mtime: mt, changed: t.now(), drop: d, stage: stagePending}
		d.files[sf.path] = f
		if t.known(ctx, f) {
			f.stage = stageDone
		}
		t.count(f, +1)
		f.seen = rs.gen
		t.setStage(f, f.stage)
		return
	}
	f.seen = rs.gen
	if f.size == sf.size && f.mtime == mt {
		return
	}
	was := f.file()
	f.size, f.mtime, f.changed = sf.size, mt, t.now()
	if f.stage == stageDone {
		if t.known(ctx, f) {
			return
		}
		if t.w.opts.Changed != nil {
			t.w.opts.Changed(was, f.file())
		}
	}
	t.setOpen(f, false)
	t.setStage(f, stagePending)
}

// known asks the catalog whether f is offloaded. When it cannot answer, f is marked to ask
// again when it settles: delivering it could copy a known file twice, so it waits instead.
func (t *tracker) known(ctx context.Context, f *fileState) bool {
	f.ask = false
	if t.w.opts.Known == nil {
		return false
	}
	ok, err := t.w.opts.Known(ctx, File{Path: f.path, Size: f.size, Mtime: time.Unix(0, f.mtime)})
	if err != nil {
		f.ask = true
		t.knownErrs++
		if time.Since(t.knownErrAt) >= time.Minute { // one line a minute, not one per file
			t.w.problem(fmt.Sprintf("ask the catalog about files (%d failed; they wait)", t.knownErrs), err, "path", f.path)
			t.knownErrAt, t.knownErrs = time.Now(), 0
		}
		return false
	}
	return ok
}

// touch handles a write or attribute change: the file's settle time starts over.
func (t *tracker) touch(ctx context.Context, p string) {
	rs, _, f := t.lookup(p)
	if f == nil || f.stage == stageDone {
		fi, err := os.Lstat(p)
		if err != nil || !fi.Mode().IsRegular() {
			if f != nil {
				t.removeFile(f)
			}
			return
		}
		if rs = t.rootState(nil, p, true); rs != nil {
			t.seen(ctx, rs, seenFile{p, fi.Size(), fi.ModTime()})
		}
		return
	}
	f.changed = t.now()
	t.setOpen(f, false)
	t.setStage(f, stagePending)
}

// gone forgets p and, when it was a folder, everything under it.
func (t *tracker) gone(p string) {
	r := t.w.rootOf(p)
	rs := t.roots[r]
	if rs == nil {
		return
	}
	if p == r.Path {
		for _, d := range rs.drops {
			t.removeDrop(d)
		}
		return
	}
	d := rs.drops[dropPath(r, p)]
	switch {
	case d == nil:
	case d.path == p:
		t.removeDrop(d)
	case d.files[p] != nil:
		t.removeFile(d.files[p])
	default:
		prefix := join(p, "")
		for fp, f := range d.files {
			if strings.HasPrefix(fp, prefix) {
				t.removeFile(f)
			}
		}
	}
}

// scanEnd forgets what a complete full scan did not see, and lets a first scan's drops go.
func (t *tracker) scanEnd(rs *rootState, complete bool) {
	if complete {
		for _, d := range rs.drops {
			for _, f := range d.files {
				if f.seen != rs.gen {
					t.removeFile(f)
				}
			}
		}
	}
	if rs.hold {
		rs.hold = false
		for _, d := range rs.drops {
			t.maybeReady(d)
		}
	}
}
