package daemon

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"syscall"
	"time"

	"github.com/rushes/rushes/catalog"
	"github.com/rushes/rushes/offload"
	"github.com/rushes/rushes/pipeline"
	"github.com/rushes/rushes/watcher"
)

// Backoff is how a failed drop is tried again: First after the failure,
// then twice as long each time, never more than Max apart.
type Backoff struct{ First, Max time.Duration }

// DefaultBackoff waits 30 s, then 1, 2, 4, 8 and at most 10 minutes: a
// freed disk or a reseated card is picked up soon, a disk full all night
// costs a retry every ten minutes.
var DefaultBackoff = Backoff{First: 30 * time.Second, Max: 10 * time.Minute}

// mayClear reports whether a failure may go away without anyone changing
// the card: a destination full or unwritable, a source gone or unreadable,
// an I/O error, the library busy with another ingest. A verification
// mismatch does not: bytes that read differently need a person to look at
// the reader and the card.
func mayClear(causes []error) bool {
	for _, err := range causes {
		for _, target := range transient {
			if errors.Is(err, target) {
				return true
			}
		}
	}
	return false
}

var transient = []error{
	offload.ErrNoSpace, offload.ErrSourceGone, offload.ErrSourceChanged, pipeline.ErrBusy,
	pipeline.ErrNoRoom, catalog.ErrNoSpace, // refused by the preflight; the catalog's disk full
	fs.ErrNotExist, fs.ErrPermission,
	syscall.ENOSPC, syscall.EIO, syscall.EROFS, syscall.ENXIO, syscall.ENODEV,
}

// retry is a failed drop waiting to be tried again.
type retry struct {
	drop   watcher.Drop
	due    time.Time
	wait   time.Duration // the delay that gave due
	reason string        // why it failed the first time
}

// retries are the failed drops waiting, by drop path. Only the loop uses them.
type retries struct {
	policy Backoff
	byPath map[string]retry
}

func newRetries(b Backoff) *retries {
	if b.First <= 0 {
		b.First = DefaultBackoff.First
	}
	if b.Max < b.First {
		b.Max = max(DefaultBackoff.Max, b.First)
	}
	return &retries{policy: b, byPath: map[string]retry{}}
}

func (r *retries) get(path string) (retry, bool) {
	x, ok := r.byPath[path]
	return x, ok
}

func (r *retries) forget(path string) { delete(r.byPath, path) }

// schedule sets drop to be tried again, doubling the wait of its previous
// retry, and returns when.
func (r *retries) schedule(drop watcher.Drop, reason string, now time.Time) time.Time {
	x, ok := r.byPath[drop.Path]
	wait := r.policy.First
	if ok {
		wait = min(2*x.wait, r.policy.Max)
		reason = x.reason
	}
	r.byPath[drop.Path] = retry{drop: drop, due: now.Add(wait), wait: wait, reason: reason}
	return now.Add(wait)
}

// wait is how long until the next retry is due (an hour when none is).
func (r *retries) wait(now time.Time) time.Duration {
	d := time.Hour
	for _, x := range r.byPath {
		d = min(d, x.due.Sub(now))
	}
	return max(d, time.Millisecond)
}

// due returns the retry due first, if its time has come; it stays listed
// until its outcome is known.
func (r *retries) due(now time.Time) (retry, bool) {
	var first retry
	found := false
	for _, x := range r.byPath {
		if !x.due.After(now) && (!found || x.due.Before(first.due)) {
			first, found = x, true
		}
	}
	return first, found
}

// retryDrop tries a failed drop again, unless every file it still lacks is
// gone: a pulled card comes back as a new drop when it is put back.
func (d *Daemon) retryDrop(ctx context.Context, r retry) {
	files := append(append([]watcher.File(nil), r.drop.Files...), r.drop.Done...)
	for _, f := range files {
		if _, err := os.Lstat(f.Path); err == nil {
			d.log.Info("trying a failed drop again", "drop", r.drop.Path, "after", r.wait, "first_error", r.reason)
			d.ingest(ctx, r.drop, true)
			return
		}
	}
	d.retries.forget(r.drop.Path)
	d.log.Warn("not trying a failed drop again: its files are gone; it is offloaded when they are back", "drop", r.drop.Path)
}
