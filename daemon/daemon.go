// Package daemon is the ingest station: it takes the complete drops the
// watcher finds on the ingest roots and offloads each with the same
// pipeline `rushes ingest` uses, one drop at a time, publishing what it is
// doing in a status file and telling people through hooks. It owns the
// daemon's lifetime (Open, Close), its lock on the library and the retries
// of failed drops; it never parses media, copies bytes or writes SQL itself.
package daemon

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rushes/rushes/catalog"
	"github.com/rushes/rushes/config"
	"github.com/rushes/rushes/lockfile"
	"github.com/rushes/rushes/pipeline"
	"github.com/rushes/rushes/watcher"
)

// Options are what a daemon needs; main builds them from the configuration.
type Options struct {
	Library  string
	Catalog  string // the SQLite catalog file; refused inside a watched root
	Pipeline pipeline.Options
	Watcher  watcher.Options
	Hooks    map[string]string // event -> shell command
	HookWait time.Duration     // how long a hook may run; 0 means DefaultHookWait
	Retry    Backoff           // how failed drops are retried; zero means DefaultBackoff
	Log      *slog.Logger
}

// statusEvery is how often the status file is written, busy or idle: a
// reader must see bytes and `updated` move at least every second.
const statusEvery = 500 * time.Millisecond

// Daemon watches and ingests until closed.
type Daemon struct {
	opts    Options
	cat     *catalog.Catalog
	log     *slog.Logger
	lock    *lockfile.Lock
	w       *watcher.Watcher
	status  *statusFile
	hooks   *hookRunner
	retries *retries
	changes chan change // sources that changed after they were delivered

	cancel     context.CancelFunc // stops the work in flight
	stopTicker context.CancelFunc
	busy       atomic.Bool   // a drop is in flight
	noticed    time.Time     // the newest watcher problem a hook was run for; ticker only
	stop       chan struct{} // no new drop is taken once closed
	done       chan struct{} // the loop has ended
	ticking    sync.WaitGroup
	once       sync.Once
}

// New returns a daemon over an open catalog.
func New(opts Options, cat *catalog.Catalog) *Daemon {
	log := opts.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Daemon{opts: opts, cat: cat, log: log, stop: make(chan struct{}), done: make(chan struct{}),
		retries: newRetries(opts.Retry), changes: make(chan change, 256)}
}

// Open checks the roots, takes the library's daemon lock, recovers after
// an interrupted run, starts the watcher, the loop and the status ticker.
func (d *Daemon) Open(ctx context.Context) error {
	if err := d.checkRoots(); err != nil {
		return err
	}
	lock, err := lockDaemon(d.opts.Library)
	if err != nil {
		return err
	}
	d.lock = lock
	wopts := d.opts.Watcher
	wopts.Exclude = append(wopts.Exclude, d.opts.Library)
	wopts.Known = func(ctx context.Context, f watcher.File) (bool, error) {
		_, ok, err := d.cat.KnownSource(ctx, f.Path, f.Size, f.Mtime)
		return ok, err
	}
	wopts.Changed = d.heardChange
	wopts.Log = d.log
	d.w = watcher.New(wopts)
	// The previous daemon's report says which drop it left unfinished.
	d.status = newStatusFile(StatusPath(d.opts.Library), d.w, previousInterrupted(StatusPath(d.opts.Library)))
	d.hooks = newHookRunner(d.opts.Hooks, d.opts.HookWait, d.log)
	d.recover(ctx)
	if err := d.w.Open(ctx); err != nil {
		d.lock.Release()
		return err
	}
	work, cancel := context.WithCancel(context.WithoutCancel(ctx))
	d.cancel = cancel
	tick, stopTicker := context.WithCancel(context.WithoutCancel(ctx))
	d.stopTicker = stopTicker
	d.status.write()
	d.ticking.Add(1)
	go d.tick(tick)
	go d.loop(work)
	d.log.Info("daemon started", "library", d.opts.Library, "roots", len(wopts.Roots))
	return nil
}

// checkRoots refuses a catalog the watcher would find: its -wal and -shm
// files change with every write, so it would be offloaded in a loop.
// Validation refuses it for the configured roots; the volume parents of
// --volumes and roots built by hand are checked here.
func (d *Daemon) checkRoots() error {
	roots := append([]string(nil), d.opts.Watcher.VolumeParents...)
	for _, r := range d.opts.Watcher.Roots {
		roots = append(roots, r.Path)
	}
	if r := config.CatalogInRoot(d.opts.Catalog, roots); r != "" {
		return &config.Error{Key: "catalog", Value: d.opts.Catalog, Problem: fmt.Sprintf("%q is inside the watched root %q; "+
			"the daemon would ingest the catalog (and its -wal and -shm files) in a loop: put the catalog outside every "+
			"watch root, such as in the library, or watch another folder", d.opts.Catalog, r)}
	}
	return nil
}

// recover cleans up after a run that was killed and brings the manifests
// up to date before any drop is called safe. A failure is reported, not
// fatal: every run recovers first again, and fails with the reason.
func (d *Daemon) recover(ctx context.Context) {
	err := pipeline.New(d.opts.Pipeline, d.cat, d.log, nil).Recover(ctx)
	if err != nil {
		d.log.Warn("could not recover after the previous run; the next drop tries again", "error", err)
		d.status.problem("recover after the previous run: " + err.Error())
	}
}

// Close stops taking drops, lets the drop in flight finish until ctx is
// done, then aborts it (its partial files are removed or left for the next
// start, never renamed into place; it is reported interrupted), stops the
// watcher and the hooks, writes the last status and releases the lock.
func (d *Daemon) Close(ctx context.Context) error {
	d.once.Do(func() { close(d.stop) })
	select {
	case <-d.done:
	case <-ctx.Done():
		if d.busy.Load() {
			d.log.Info("aborting the copy in flight; the next start resumes it")
		}
		d.cancel()
		<-d.done
	}
	d.cancel()
	d.stopTicker()
	d.ticking.Wait()
	quick, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := errors.Join(d.w.Close(quick), d.hooks.wait(quick), d.status.close(), d.lock.Release())
	d.log.Info("daemon stopped")
	return err
}

func (d *Daemon) stopping() bool {
	select {
	case <-d.stop:
		return true
	default:
		return false
	}
}

// loop takes drops one at a time: new ones from the watcher, failed ones
// again when their retry is due, and checks sources that changed.
func (d *Daemon) loop(ctx context.Context) {
	defer close(d.done)
	retry := time.NewTimer(time.Hour)
	defer retry.Stop()
	for {
		retry.Reset(d.retries.wait(time.Now()))
		select {
		case <-d.stop:
			return
		case drop, ok := <-d.w.Drops():
			if !ok || d.stopping() {
				return // a drop taken now is found again at the next start
			}
			d.ingest(ctx, drop, false)
		case <-retry.C:
			if r, ok := d.retries.due(time.Now()); ok {
				d.retryDrop(ctx, r)
			}
		case c := <-d.changes:
			d.checkChange(ctx, c)
		}
	}
}

// tick writes the status file and reports watcher problems, busy or not:
// the drop in flight never holds the status back.
func (d *Daemon) tick(ctx context.Context) {
	defer d.ticking.Done()
	t := time.NewTicker(statusEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			d.status.write()
			d.attention()
		}
	}
}

// attention runs the attention hook for watcher problems not yet reported
// (a root gone missing, the inotify limit reached, a catalog lookup failing).
func (d *Daemon) attention() {
	for _, e := range d.w.Status().Errors {
		if !e.At.After(d.noticed) {
			continue
		}
		d.noticed = e.At
		d.hooks.run("attention", Report{Event: "attention", Error: e.Message, At: e.At.Format(time.RFC3339),
			Failures: []string{}, Manifests: []string{}, Warnings: []string{}})
	}
}
