package watcher

import (
	"container/heap"
	"context"
	"os"
	"time"
)

// stage is where a file stands on its way out.
type stage uint8

const (
	stagePending  stage = iota // seen; not yet unchanged for Settle, or held open
	stageSettled               // unchanged for Settle; waits for the rest of its drop
	stagePrepared              // verified complete; in a drop offered on Drops
	stageDone                  // delivered, or Known
	nStages
)

// fileState is one file under a root. Only the tracker goroutine touches it.
type fileState struct {
	path    string
	size    int64
	mtime   int64         // UnixNano
	changed time.Duration // tracker clock: when size or mtime last changed, or an event said so
	due     time.Duration // when the settle queue looks at it next
	drop    *dropState
	seen    uint32 // scan generation it was last seen in
	stage   stage
	queued  bool // in the settle queue
	gone    bool // forgotten; a queue entry left behind is skipped
	open    bool // held open by a writer at the last check
	ask     bool // Known could not answer: ask again before it may settle
}

// file is f as the watcher last saw it.
func (f *fileState) file() File {
	return File{Path: f.path, Size: f.size, Mtime: time.Unix(0, f.mtime)}
}

// dropState is one drop's files, delivered or not.
type dropState struct {
	path     string
	root     *rootState
	files    map[string]*fileState
	n        [nStages]int
	ready    bool // listed in tracker.ready
	prepared bool // offered: in tracker.outq
	removed  bool
}

// rootState is the tracker's side of a root.
type rootState struct {
	r     *root
	drops map[string]*dropState
	gen   uint32 // full scan generation
	hold  bool   // first full scan running: no drop is offered before it has seen everything
	n     [nStages]int
}

// offer is a drop verified and waiting for the consumer.
type offer struct {
	d     *dropState
	files []*fileState
	drop  Drop
}

// settleQueue orders pending files by when to look at them next.
type settleQueue []*fileState

func (q settleQueue) Len() int           { return len(q) }
func (q settleQueue) Less(i, j int) bool { return q[i].due < q[j].due }
func (q settleQueue) Swap(i, j int)      { q[i], q[j] = q[j], q[i] }
func (q *settleQueue) Push(x any)        { *q = append(*q, x.(*fileState)) }
func (q *settleQueue) Pop() any {
	old := *q
	f := old[len(old)-1]
	old[len(old)-1] = nil
	*q = old[:len(old)-1]
	return f
}

// settleBatch bounds the files examined per turn, so messages keep flowing during a big settle.
const settleBatch = 4096

func (t *tracker) now() time.Duration { return time.Since(t.start) }

func (t *tracker) push(f *fileState, due time.Duration) {
	if f.queued {
		return
	}
	f.due, f.queued = due, true
	heap.Push(&t.queue, f)
}

// settleDue looks at the pending files whose time has come: a file whose size and
// modification time did not change for Settle is settled; one that changed waits again.
func (t *tracker) settleDue(ctx context.Context) {
	now := t.now()
	for i := 0; i < settleBatch && len(t.queue) > 0 && t.queue[0].due <= now; i++ {
		f := heap.Pop(&t.queue).(*fileState)
		f.queued = false
		if f.gone || f.stage != stagePending {
			continue
		}
		if !f.open && f.changed+t.settle > now { // an event moved it on since it was queued
			t.push(f, f.changed+t.settle)
			continue
		}
		fi, err := os.Lstat(f.path)
		switch {
		case os.IsNotExist(err) || err == nil && !fi.Mode().IsRegular():
			t.removeFile(f)
		case err != nil:
			t.w.problem("stat pending file", err, "path", f.path)
			t.push(f, now+t.settle)
		case fi.Size() != f.size || fi.ModTime().UnixNano() != f.mtime:
			f.size, f.mtime, f.changed = fi.Size(), fi.ModTime().UnixNano(), now
			t.setOpen(f, false)
			t.push(f, now+t.settle)
		case f.ask:
			if t.known(ctx, f) {
				t.setStage(f, stageDone)
			} else if f.ask {
				t.push(f, now+t.settle)
			} else {
				t.setStage(f, stageSettled)
			}
		default:
			t.setStage(f, stageSettled)
		}
	}
}

// setStage moves f to stage s, keeping every count, the ready list and the offers right.
func (t *tracker) setStage(f *fileState, s stage) {
	d := f.drop
	// A file settling again withdraws its drop's offer: the drop is offered again once the file
	// is complete, so that a delivered drop never leaves a file of its folder behind.
	if d.prepared && s == stagePending || f.stage == stagePrepared && s != stageDone {
		t.unprepare(d)
	}
	if f.stage != s {
		t.count(f, -1)
		f.stage = s
		t.count(f, +1)
	}
	if s == stagePending {
		due := f.changed + t.settle
		if f.open {
			due = t.now() + t.settle
		}
		t.push(f, due)
	}
	t.maybeReady(d)
}

// count adds delta to the counts of f's stage.
func (t *tracker) count(f *fileState, delta int) {
	d := f.drop
	d.n[f.stage] += delta
	d.root.n[f.stage] += delta
	t.n[f.stage] += delta
	if d.n[stagePending]+d.n[stageSettled]+d.n[stagePrepared] > 0 {
		t.active[d] = struct{}{}
	} else {
		delete(t.active, d)
	}
	t.dirty = true
}

func (t *tracker) setOpen(f *fileState, open bool) {
	if f.open == open {
		return
	}
	f.open = open
	if open {
		t.open++
	} else {
		t.open--
	}
	t.dirty = true
}

// maybeReady lists d for offering once none of its files is pending and some are settled.
func (t *tracker) maybeReady(d *dropState) {
	if d.removed || d.ready || d.prepared || t.holding(d) || d.n[stagePending] > 0 || d.n[stageSettled] == 0 {
		return
	}
	d.ready = true
	t.ready = append(t.ready, d)
}

// holding says whether a scan that may still find files of d is running: the root's first
// scan, or the scan of a folder that appeared in it. Offering d before would split a card that
// is already complete on disk.
func (t *tracker) holding(d *dropState) bool {
	return d.root.hold || t.held[d.path] > 0
}

// removeFile forgets f: it was deleted, renamed away or is no regular file any more.
func (t *tracker) removeFile(f *fileState) {
	d := f.drop
	if f.stage == stagePrepared {
		t.unprepare(d)
	}
	t.setOpen(f, false)
	t.count(f, -1)
	f.gone = true
	delete(d.files, f.path)
	if len(d.files) == 0 {
		d.removed = true
		delete(d.root.drops, d.path)
		delete(t.active, d)
		return
	}
	t.maybeReady(d)
}

// removeDrop forgets every file of d.
func (t *tracker) removeDrop(d *dropState) {
	for _, f := range d.files {
		t.removeFile(f)
	}
}
