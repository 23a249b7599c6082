package watcher

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"
)

// eventBuffer is fsnotify's channel size: it absorbs bursts while the tracker is busy.
const eventBuffer = 1024

// watchSet is the folders watched, to find the watches under a folder renamed away. Guarded
// by Watcher.mu.
type watchSet struct {
	dirs map[string]struct{}
}

// openEvents starts inotify. Without it (the per-user instance limit) every root is polled.
func (w *Watcher) openEvents() {
	w.maxWatches = readSysctl("fs.inotify.max_user_watches")
	fw, err := fsnotify.NewBufferedWatcher(eventBuffer)
	if err != nil {
		why := "no file events: " + err.Error()
		w.log.Error("cannot start file events; polling every root. "+limitHint(err), "err", err)
		w.mu.Lock()
		for _, r := range w.roots {
			if r.pollWhy == "" {
				r.pollWhy = why
			}
		}
		w.mu.Unlock()
		return
	}
	w.fs = fw
}

// addWatch watches folder dir of r. Reaching the watch limit puts r in polling until a scan
// manages to watch every folder again; it logs which sysctl to raise.
func (w *Watcher) addWatch(r *root, dir string) error {
	err := w.fs.Add(dir)
	if err == nil {
		w.mu.Lock()
		w.watches.dirs[dir] = struct{}{}
		w.mu.Unlock()
		return nil
	}
	if errors.Is(err, fsnotify.ErrClosed) || errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if !isLimit(err) {
		w.problem("watch folder", err, "path", dir)
		return fmt.Errorf("watch %s: %w", dir, err)
	}
	w.mu.Lock()
	first := r.degraded == ""
	if first {
		r.degraded = "watch limit reached: " + err.Error()
	}
	watching := len(w.watches.dirs)
	w.mu.Unlock()
	if first {
		msg := fmt.Sprintf("cannot watch %s: %v; polling %s every %s until every folder fits. %s",
			dir, err, r.Path, w.opts.PollInterval, limitHint(err))
		w.log.Error(msg, "watches", watching, "max_user_watches", w.maxWatches)
		w.record(msg)
	}
	return fmt.Errorf("watch %s: %w", dir, err)
}

// unwatch drops the watches on p and every folder under it: after a rename inotify would go on
// reporting their events under the old names, and a new watch on the moved folder would be
// merged into the stale one.
func (w *Watcher) unwatch(p string) {
	w.mu.Lock()
	if _, ok := w.watches.dirs[p]; !ok { // a file, or a folder never watched: nothing under it is
		w.mu.Unlock()
		return
	}
	var drop []string
	for d := range w.watches.dirs {
		if within(d, p) {
			drop = append(drop, d)
			delete(w.watches.dirs, d)
		}
	}
	w.mu.Unlock()
	for _, d := range drop {
		_ = w.fs.Remove(d) // a deleted folder's watch is already gone
	}
}

// runEvents turns file events into work for the scanner and the tracker.
func (w *Watcher) runEvents(ctx context.Context) {
	var lastTouch string
	var lastAt time.Time
	for {
		select {
		case <-ctx.Done():
			return
		case err, ok := <-w.fs.Errors:
			if !ok {
				return
			}
			w.eventError(err)
		case ev, ok := <-w.fs.Events:
			if !ok {
				return
			}
			if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
				w.removed(ctx, ev.Name)
				lastTouch = ""
			}
			if ev.Has(fsnotify.Create) {
				w.created(ctx, ev.Name)
			}
			// A copy in progress writes thousands of times a second; one touch per file per
			// few milliseconds is plenty against a settle time of seconds.
			if ev.Has(fsnotify.Write) || ev.Has(fsnotify.Chmod) {
				if now := time.Now(); ev.Name != lastTouch || now.Sub(lastAt) > 20*time.Millisecond {
					lastTouch, lastAt = ev.Name, now
					w.send(ctx, trackerMsg{kind: msgTouch, path: ev.Name})
				}
			}
		}
	}
}

// removed handles a path deleted or renamed away. A root that went is looked for again every
// poll interval.
func (w *Watcher) removed(ctx context.Context, p string) {
	w.unwatch(p)
	if r := w.rootOf(p); r != nil && r.Path == p {
		w.mu.Lock()
		r.missing, r.err = true, "removed or renamed"
		w.mu.Unlock()
		w.log.Warn("root was removed or renamed; looking for it every poll interval", "root", p)
	}
	w.send(ctx, trackerMsg{kind: msgGone, path: p})
}

// created handles a new path: a folder is watched and scanned, a file starts settling.
func (w *Watcher) created(ctx context.Context, p string) {
	fi, err := os.Lstat(p)
	switch {
	case err != nil:
		return // already gone
	case fi.IsDir():
		w.queueScan(ctx, scanReq{path: p})
	case fi.Mode().IsRegular():
		w.send(ctx, trackerMsg{kind: msgSeen, seen: []seenFile{{p, fi.Size(), fi.ModTime()}}})
	}
}

func (w *Watcher) eventError(err error) {
	if errors.Is(err, fsnotify.ErrEventOverflow) {
		w.log.Warn("file events overflowed; rescanning every root. If it happens often, raise "+
			"the queue: sysctl -w fs.inotify.max_queued_events="+
			strconv.Itoa(max(2*readSysctl("fs.inotify.max_queued_events"), 65536)),
			"max_queued_events", readSysctl("fs.inotify.max_queued_events"))
		w.requestRescan("event overflow")
		return
	}
	w.problem("file events", err)
	if isLimit(err) {
		w.requestRescan("watch limit")
	}
}

// isLimit reports whether err is a kernel limit on watches or instances.
func isLimit(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EMFILE)
}

// limitHint says which limit to raise, and to what, for a watch or instance error.
func limitHint(err error) string {
	if runtime.GOOS != "linux" {
		return "Raise the open files limit (ulimit -n; kern.maxfiles and kern.maxfilesperproc), or set the root to poll."
	}
	key := "fs.inotify.max_user_watches"
	if errors.Is(err, syscall.EMFILE) {
		key = "fs.inotify.max_user_instances"
	}
	want := 524288
	if key == "fs.inotify.max_user_instances" {
		want = 1024
	}
	cur := readSysctl(key)
	want = max(want, 2*cur)
	hint := fmt.Sprintf("Raise %s (now %d): sysctl -w %s=%d, and put %s=%d in /etc/sysctl.d/ to keep it.",
		key, cur, key, want, key, want)
	// In a user namespace (a rootless container) the namespace's own limit may be the lower one.
	nsKey := "user.max_inotify_watches"
	if key == "fs.inotify.max_user_instances" {
		nsKey = "user.max_inotify_instances"
	}
	if ns := readSysctl(nsKey); ns > 0 && ns < cur {
		hint += fmt.Sprintf(" This user namespace allows only %d: raise %s too.", ns, nsKey)
	}
	return hint
}

// readSysctl reads an integer from /proc/sys; 0 when it cannot.
func readSysctl(key string) int {
	b, err := os.ReadFile("/proc/sys/" + strings.ReplaceAll(key, ".", "/"))
	if err != nil {
		return 0
	}
	n, _ := strconv.Atoi(strings.TrimSpace(string(b)))
	return n
}
