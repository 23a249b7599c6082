// Package watcher owns finding complete work on ingest roots. It watches every root recursively
// (inotify through fsnotify, or a periodic scan on network shares where events do not arrive),
// notices drives mounted under the roots or under the volume parents, waits until each file has
// kept its size and modification time for the settle time and no process holds it open for
// writing, and hands the files out grouped per drop: a card folder, a loose file or a mounted
// volume.
//
// It never reads file contents, never hashes, and never touches the catalog: it asks the
// caller's Known function which files are already offloaded, and only looks at names, sizes,
// modification times, mount tables and (on Linux) /proc.
package watcher

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Defaults used for zero Options fields.
const (
	DefaultSettle       = 5 * time.Second
	DefaultReconcile    = time.Minute
	DefaultPollInterval = 10 * time.Second
)

// Root is one folder the watcher watches.
type Root struct {
	Path string // absolute folder
	// Poll scans the root every PollInterval instead of relying on events: network shares
	// (NFS, SMB), where inotify never hears about writes made by other machines. On Linux a
	// root on a network filesystem is polled even when Poll is false.
	Poll bool
	// Card makes the whole root one drop (a mounted card). Otherwise each first-level folder
	// under the root is a drop, and each loose file at its top.
	Card bool
}

// Options configure a Watcher. Zero values take the defaults.
type Options struct {
	Roots []Root
	// Settle is how long a file's size and modification time must stay unchanged.
	Settle time.Duration
	// Reconcile is the period of the full scan that catches anything events missed; negative
	// disables it.
	Reconcile time.Duration
	// PollInterval is the period of the scan of polled roots, of roots that lost their watches
	// to the inotify limit, and of roots that are missing.
	PollInterval time.Duration
	// Ignore are name globs skipped on top of the built-in junk (BuiltinIgnore).
	Ignore []string
	// Exclude are absolute paths never looked into: the library, when it sits under a root.
	Exclude []string
	// VolumeParents are folders drives get mounted in (DefaultVolumeParents). Every volume
	// mounted directly under one becomes a Card root for as long as it stays mounted.
	VolumeParents []string
	// Known reports whether a file (path, size, modification time) is already offloaded; such
	// files are never reported. It is called from one goroutine, once per file version. After
	// an error the file waits and Known is asked again a settle time later: delivering a file
	// the catalog could not vouch for could copy it twice. Nil means nothing is known.
	Known func(ctx context.Context, f File) (bool, error)
	// Changed hears about a file that changed (size or modification time) after it was
	// delivered or Known: a writer that appended after the settle time, or a card written to
	// after its offload. was is the version delivered, now the new one, which settles and comes
	// in a later drop. It is called from the tracker's goroutine and must not block.
	Changed func(was, now File)
	Log     *slog.Logger
}

// Watcher finds complete drops on its roots. Open starts it, Drops delivers, Close stops it.
type Watcher struct {
	opts   Options
	log    *slog.Logger
	filter filter

	mu      sync.Mutex // guards roots, the roots' status fields, stats and errs
	roots   []*root
	stats   trackerStats
	errs    []ErrorStatus
	watches watchSet

	fs         *fsnotify.Watcher // nil when inotify could not start: every root polls
	mounts     mountSource       // nil when the mount table cannot be read
	mountSet   map[string]mount  // the mounts at Open; then runMounts' own
	maxWatches int

	in     chan trackerMsg // to the tracker; bounded: back-pressures the scanner and events
	scans  chan scanReq    // to the scanner; bounded: back-pressures events
	rescan chan string     // a full rescan is wanted, and why; holds one
	drops  chan Drop

	cancel context.CancelFunc
	wg     sync.WaitGroup
	closed bool
}

// New returns a watcher for opts; Open starts it.
func New(opts Options) *Watcher {
	if opts.Settle <= 0 {
		opts.Settle = DefaultSettle
	}
	if opts.Reconcile == 0 {
		opts.Reconcile = DefaultReconcile
	}
	if opts.PollInterval <= 0 {
		opts.PollInterval = DefaultPollInterval
	}
	log := opts.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Watcher{
		opts:    opts,
		log:     log.With("component", "watcher"),
		filter:  newFilter(opts.Ignore, opts.Exclude),
		watches: watchSet{dirs: map[string]struct{}{}},
		in:      make(chan trackerMsg, 64),
		scans:   make(chan scanReq, 256),
		rescan:  make(chan string, 1),
		drops:   make(chan Drop),
	}
}

// Open checks the roots, starts watching and starts the goroutines that scan, settle and
// deliver. The first scan of each root runs in the background; Status tells when it is done.
func (w *Watcher) Open(ctx context.Context) error {
	if w.cancel != nil || w.closed {
		return errors.New("open watcher: already opened")
	}
	if len(w.opts.Roots) == 0 && len(w.opts.VolumeParents) == 0 {
		return errors.New("open watcher: no roots and no volume parents to watch")
	}
	for _, r := range w.opts.Roots {
		if !filepath.IsAbs(r.Path) {
			return fmt.Errorf("open watcher: root %s: not an absolute path", r.Path)
		}
		w.roots = append(w.roots, newRoot(r, false))
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("open watcher: %w", err)
	}
	w.openMounts()
	w.openEvents()

	runCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	w.cancel = cancel
	t := newTracker(w)
	w.start(func() { t.run(runCtx) })
	w.start(func() { w.runScanner(runCtx) })
	if w.fs != nil {
		w.start(func() { w.runEvents(runCtx) })
	}
	if w.mounts != nil {
		w.start(func() { w.runMounts(runCtx) })
	}
	return nil
}

func (w *Watcher) start(f func()) {
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		f()
	}()
}

// Drops delivers ready drops: every file in one kept its size and modification time for the
// settle time and was not open for writing when the drop was offered. The channel is
// unbuffered, so a slow consumer holds drops back (they stay watched meanwhile); Close closes
// it.
func (w *Watcher) Drops() <-chan Drop { return w.drops }

// Rescan asks for a full scan of every root, as after an event overflow. It does not wait.
func (w *Watcher) Rescan() { w.requestRescan("requested") }

func (w *Watcher) requestRescan(why string) {
	select {
	case w.rescan <- why:
	default: // one is already pending
	}
}

// Close stops watching and waits for every goroutine to end, or for ctx. Drops is closed once
// they have all ended.
func (w *Watcher) Close(ctx context.Context) error {
	if w.closed {
		return nil
	}
	w.closed = true
	if w.cancel == nil {
		close(w.drops)
		return nil
	}
	w.cancel()
	var err error
	if w.fs != nil {
		if cerr := w.fs.Close(); cerr != nil {
			err = fmt.Errorf("close watcher: %w", cerr)
		}
	}
	done := make(chan struct{})
	go func() {
		w.wg.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-ctx.Done():
		return fmt.Errorf("close watcher: %w", ctx.Err())
	}
	if w.mounts != nil {
		w.mounts.close()
	}
	close(w.drops)
	return err
}

// send hands a message to the tracker, waiting while its queue is full.
func (w *Watcher) send(ctx context.Context, m trackerMsg) bool {
	select {
	case w.in <- m:
		return true
	case <-ctx.Done():
		return false
	}
}

// problem logs an error and records it for Status.
func (w *Watcher) problem(msg string, err error, args ...any) {
	w.log.Warn(msg, append(args, "err", err)...)
	for i := 0; i+1 < len(args); i += 2 {
		if s, ok := args[i+1].(string); ok {
			msg += " " + s
		}
	}
	w.record(msg + ": " + err.Error())
}

// record keeps a problem for Status.
func (w *Watcher) record(msg string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.errs = append(w.errs, ErrorStatus{At: time.Now(), Message: msg})
	if len(w.errs) > maxErrors {
		w.errs = append(w.errs[:0], w.errs[len(w.errs)-maxErrors:]...)
	}
}
