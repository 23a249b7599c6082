package watcher

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"time"
)

// scanReq asks the scanner to scan: a whole root (path empty), or one folder and everything
// under it (a folder that appeared, a drive mounted under a root).
type scanReq struct {
	root *root
	path string
}

// seenBatch is how many files a scan reports to the tracker in one message.
const seenBatch = 256

// queueScan hands a request to the scanner, waiting while its queue is full.
func (w *Watcher) queueScan(ctx context.Context, req scanReq) {
	select {
	case w.scans <- req:
	case <-ctx.Done():
	}
}

// runScanner scans every root once, then on request: folders that appeared, the periodic
// reconcile, polled and missing roots every PollInterval, and full rescans after overflows.
// It is the only goroutine that adds watches for folders it finds.
func (w *Watcher) runScanner(ctx context.Context) {
	for _, r := range w.rootList() {
		w.scanRoot(ctx, r)
	}
	var reconcile <-chan time.Time
	if w.opts.Reconcile > 0 {
		t := time.NewTicker(w.opts.Reconcile)
		defer t.Stop()
		reconcile = t.C
	}
	poll := time.NewTicker(w.opts.PollInterval)
	defer poll.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case req := <-w.scans:
			if req.path == "" {
				w.scanRoot(ctx, req.root)
			} else {
				w.scanFolder(ctx, req.path)
			}
		case why := <-w.rescan:
			w.log.Info("rescanning every root", "why", why)
			w.scanAll(ctx, func(*root) bool { return true })
		case <-reconcile:
			w.scanAll(ctx, func(*root) bool { return true })
		case <-poll.C:
			w.scanAll(ctx, func(r *root) bool {
				w.mu.Lock()
				defer w.mu.Unlock()
				return r.polled() || r.missing
			})
		}
	}
}

func (w *Watcher) scanAll(ctx context.Context, which func(*root) bool) {
	for _, r := range w.rootList() {
		if ctx.Err() != nil {
			return
		}
		if which(r) {
			w.scanRoot(ctx, r)
		}
	}
}

// scanRoot walks all of r. The tracker forgets what a complete walk did not find; the first
// walk of a root holds its drops back until it has seen every file.
func (w *Watcher) scanRoot(ctx context.Context, r *root) {
	start := time.Now()
	w.mu.Lock()
	first := r.lastScan.IsZero()
	wasMissing := r.missing
	w.mu.Unlock()
	fi, err := os.Stat(r.Path)
	if err == nil && !fi.IsDir() {
		err = errors.New("not a folder")
	}
	if err != nil {
		w.mu.Lock()
		r.missing, r.err = true, err.Error()
		w.mu.Unlock()
		if !wasMissing {
			w.problem("root is not there; looking again every poll interval", err, "root", r.Path)
			w.send(ctx, trackerMsg{kind: msgGone, root: r, path: r.Path})
		}
		return
	}
	if !w.send(ctx, trackerMsg{kind: msgScanStart, root: r, hold: first}) {
		return
	}
	complete, watchErr := w.walk(ctx, r, r.Path)
	if ctx.Err() != nil {
		return
	}
	w.send(ctx, trackerMsg{kind: msgScanEnd, root: r, complete: complete})
	w.mu.Lock()
	r.missing, r.lastScan, r.scanTook = false, time.Now(), time.Since(start)
	r.err = ""
	if !complete {
		r.err = "some folders could not be read"
	}
	recovered := r.degraded != "" && watchErr == nil && r.pollWhy == ""
	if recovered {
		r.degraded = ""
	}
	w.mu.Unlock()
	if recovered {
		w.log.Info("every folder is watched again; back to events", "root", r.Path)
	}
	w.log.Debug("scanned root", "root", r.Path, "took", time.Since(start), "complete", complete)
}

// scanFolder walks a folder that appeared under a root, after watching it.
func (w *Watcher) scanFolder(ctx context.Context, p string) {
	r := w.rootOf(p)
	if r == nil || w.filter.skipUnder(r, p) {
		return
	}
	if !w.send(ctx, trackerMsg{kind: msgFolderStart, path: p}) {
		return
	}
	w.walk(ctx, r, p)
	w.send(ctx, trackerMsg{kind: msgFolderEnd, path: p})
}

// walk reports every regular file under dir to the tracker. On a root watched with events each
// folder is watched before it is listed, so a file created meanwhile is either listed or
// reported by an event. complete is false when a folder could not be read; watchErr is the
// last watch that could not be added.
func (w *Watcher) walk(ctx context.Context, r *root, dir string) (complete bool, watchErr error) {
	watch := w.fs != nil && r.pollWhy == ""
	complete = true
	batch := make([]seenFile, 0, seenBatch)
	flush := func() bool {
		if len(batch) == 0 {
			return true
		}
		ok := w.send(ctx, trackerMsg{kind: msgSeen, root: r, seen: batch})
		batch = make([]seenFile, 0, seenBatch)
		return ok
	}
	stack := []string{dir}
	for len(stack) > 0 {
		if ctx.Err() != nil {
			return false, nil
		}
		d := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if watch {
			if err := w.addWatch(r, d); err != nil {
				watchErr = err
			}
		}
		f, err := os.Open(d)
		if err != nil {
			if !os.IsNotExist(err) {
				complete = false
				w.problem("read folder", err, "path", d)
			}
			continue
		}
		for {
			entries, err := f.ReadDir(256)
			for _, e := range entries {
				p := join(d, e.Name())
				if w.filter.skipName(e.Name()) || w.filter.skipPath(p) {
					continue
				}
				switch {
				case e.IsDir():
					stack = append(stack, p)
				case e.Type().IsRegular():
					info, err := e.Info()
					if err != nil {
						continue // gone since listed
					}
					batch = append(batch, seenFile{p, info.Size(), info.ModTime()})
					if len(batch) == seenBatch && !flush() {
						f.Close()
						return false, watchErr
					}
				}
			}
			if err != nil {
				if err != io.EOF && !errors.Is(err, fs.ErrNotExist) {
					complete = false
					w.problem("read folder", err, "path", d)
				}
				break
			}
		}
		f.Close()
	}
	return flush() && complete, watchErr
}
