package watcher

import (
	"context"
	"time"
)

// msgKind says what a trackerMsg reports.
type msgKind uint8

const (
	msgSeen        msgKind = iota // files observed, by a scan or an event
	msgTouch                      // a file was written to or its attributes changed
	msgGone                       // a path (file or folder) was deleted or renamed away
	msgScanStart                  // a full scan of root begins
	msgScanEnd                    // a full scan of root ended; complete: every folder was read
	msgRootGone                   // root was removed (its volume was unmounted)
	msgFolderStart                // a scan of folder path (one that appeared) begins
	msgFolderEnd                  // the scan of folder path ended
)

// trackerMsg is what the scanner, the event reader and the mount watcher tell the tracker.
type trackerMsg struct {
	kind     msgKind
	root     *root // nil: the tracker finds it from path or seen
	path     string
	seen     []seenFile
	complete bool // msgScanEnd
	hold     bool // msgScanStart: the root's first scan
}

// seenFile is a regular file as a scan or an event found it.
type seenFile struct {
	path  string
	size  int64
	mtime time.Time
}

// tracker owns every file's state: it settles files, groups them in drops and offers the
// drops on Drops. One goroutine runs it; nothing else touches its state.
type tracker struct {
	w      *Watcher
	settle time.Duration
	start  time.Time

	roots  map[*root]*rootState
	queue  settleQueue
	ready  []*dropState // drops whose files are all settled, oldest first
	outq   []offer      // verified drops, offered in order
	active map[*dropState]struct{}
	held   map[string]int // drop path -> folder scans running in it
	n      [nStages]int
	open   int

	dirty     bool
	published time.Time

	knownErrs  int // Known failures not yet logged
	knownErrAt time.Time
}

const publishEvery = 200 * time.Millisecond

func newTracker(w *Watcher) *tracker {
	return &tracker{
		w: w, settle: w.opts.Settle, start: time.Now(),
		roots: map[*root]*rootState{}, active: map[*dropState]struct{}{}, held: map[string]int{},
	}
}

func (t *tracker) run(ctx context.Context) {
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	for {
		t.settleDue(ctx)
		if len(t.outq) == 0 && len(t.ready) > 0 {
			t.prepare(ctx)
		}
		if t.dirty && time.Since(t.published) >= publishEvery {
			t.publish()
			t.dirty, t.published = false, time.Now()
		}
		timer.Reset(t.wait())
		var out chan<- Drop
		var next Drop
		if len(t.outq) > 0 {
			out, next = t.w.drops, t.outq[0].drop
		}
		select {
		case <-ctx.Done():
			return
		case m := <-t.w.in:
			t.handle(ctx, m)
		case out <- next:
			t.offered()
		case <-timer.C:
		}
	}
}

// wait is how long the tracker may sleep: until the next pending file is due, or the next
// status publication.
func (t *tracker) wait() time.Duration {
	d := time.Hour
	if len(t.queue) > 0 {
		d = t.queue[0].due - t.now()
	}
	if t.dirty {
		d = min(d, publishEvery-time.Since(t.published))
	}
	return max(d, time.Millisecond)
}

func (t *tracker) handle(ctx context.Context, m trackerMsg) {
	switch m.kind {
	case msgSeen:
		for _, sf := range m.seen {
			if rs := t.rootState(m.root, sf.path, m.root == nil); rs != nil {
				t.seen(ctx, rs, sf)
			}
		}
	case msgTouch:
		t.touch(ctx, m.path)
	case msgGone:
		t.gone(m.path)
	case msgScanStart:
		if rs := t.rootState(m.root, "", false); rs != nil {
			rs.gen++
			rs.hold = m.hold
		}
	case msgScanEnd:
		if rs := t.rootState(m.root, "", false); rs != nil {
			t.scanEnd(rs, m.complete)
		}
	case msgFolderStart, msgFolderEnd:
		r := t.w.rootOf(m.path)
		if r == nil {
			return
		}
		key := dropPath(r, m.path)
		if m.kind == msgFolderStart {
			t.held[key]++
			return
		}
		if t.held[key]--; t.held[key] <= 0 {
			delete(t.held, key)
		}
		if rs := t.roots[r]; rs != nil && rs.drops[key] != nil {
			t.maybeReady(rs.drops[key])
		}
	case msgRootGone:
		if rs := t.roots[m.root]; rs != nil {
			for _, d := range rs.drops {
				t.removeDrop(d)
			}
			delete(t.roots, m.root)
			t.dirty = true
		}
	}
}

// rootState returns the state of r, or of the root p is under when r is nil. check drops
// paths that are junk or excluded (events report them; scans never do).
func (t *tracker) rootState(r *root, p string, check bool) *rootState {
	if r == nil {
		if r = t.w.rootOf(p); r == nil {
			return nil
		}
	}
	if r.removed || check && t.w.filter.skipUnder(r, p) {
		return nil
	}
	rs := t.roots[r]
	if rs == nil {
		rs = &rootState{r: r, drops: map[string]*dropState{}}
		t.roots[r] = rs
	}
	return rs
}
