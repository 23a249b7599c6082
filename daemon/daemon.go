// Package daemon is the ingest station: it takes the complete drops the
// watcher finds on the ingest roots and offloads each with the same
// pipeline `rushes ingest` uses, one drop at a time, publishing what it is
// doing in a status file and telling people through hooks. It owns the
// daemon's lifetime (Open, Close) and its lock on the library; it never
// parses media, copies bytes or writes SQL itself.
package daemon

import (
	"context"
	"errors"
	"github.com/rushes/rushes/lockfile"
	"log/slog"
	"path/filepath"
	"sync"
	"time"

	"github.com/rushes/rushes/catalog"
	"github.com/rushes/rushes/pipeline"
	"github.com/rushes/rushes/watcher"
)

// Options are what a daemon needs; main builds them from the configuration.
type Options struct {
	Library  string
	Pipeline pipeline.Options
	Watcher  watcher.Options
	Hooks    map[string]string // event -> shell command
	HookWait time.Duration     // how long a hook may run; 0 means DefaultHookWait
	Log      *slog.Logger
}

// Daemon watches and ingests until closed.
type Daemon struct {
	opts   Options
	cat    *catalog.Catalog
	log    *slog.Logger
	lock   *lockfile.Lock
	w      *watcher.Watcher
	status *statusFile
	hooks  *hookRunner

	cancel  context.CancelFunc // stops the work in flight
	noticed time.Time          // the newest watcher problem a hook was run for
	stop    chan struct{}      // no new drop is taken once closed
	done    chan struct{}      // the loop has ended
	once    sync.Once
}

// New returns a daemon over an open catalog.
func New(opts Options, cat *catalog.Catalog) *Daemon {
	log := opts.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Daemon{opts: opts, cat: cat, log: log, stop: make(chan struct{}), done: make(chan struct{})}
}

// Open takes the library's daemon lock, starts the watcher and the loop.
func (d *Daemon) Open(ctx context.Context) error {
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
	wopts.Log = d.log
	d.w = watcher.New(wopts)
	d.status = newStatusFile(StatusPath(d.opts.Library), d.w)
	d.hooks = newHookRunner(d.opts.Hooks, d.opts.HookWait, d.log)
	if err := d.w.Open(ctx); err != nil {
		d.lock.Release()
		return err
	}
	work, cancel := context.WithCancel(context.WithoutCancel(ctx))
	d.cancel = cancel
	go d.loop(work)
	d.log.Info("daemon started", "library", d.opts.Library, "roots", len(wopts.Roots))
	return nil
}

// Close stops taking drops, lets the drop in flight finish until ctx is
// done, then aborts it (its partial files are removed or left for the next
// start, never renamed into place), stops the watcher and the hooks, and
// releases the lock.
func (d *Daemon) Close(ctx context.Context) error {
	d.once.Do(func() { close(d.stop) })
	select {
	case <-d.done:
	case <-ctx.Done():
		d.log.Info("aborting the copy in flight; the next start resumes it")
		d.cancel()
		<-d.done
	}
	d.cancel()
	quick, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := errors.Join(d.w.Close(quick), d.hooks.wait(quick), d.status.close(), d.lock.Release())
	d.log.Info("daemon stopped")
	return err
}

func (d *Daemon) loop(ctx context.Context) {
	defer close(d.done)
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	d.status.write()
	for {
		select {
		case <-d.stop:
			return
		case <-tick.C:
			d.status.write()
			d.attention()
		case drop, ok := <-d.w.Drops():
			if !ok {
				return
			}
			d.ingest(ctx, drop)
		}
	}
}

// ingest offloads one drop and says how it went.
func (d *Daemon) ingest(ctx context.Context, drop watcher.Drop) {
	sources := make([]pipeline.Source, len(drop.Files))
	root := drop.Path
	if len(drop.Files) == 1 && drop.Files[0].Path == drop.Path { // a loose file
		root = filepath.Dir(drop.Path)
	}
	for i, f := range drop.Files {
		sources[i] = pipeline.Source{Path: f.Path, Root: root, Card: filepath.Base(root), Size: f.Size, Mtime: f.Mtime}
	}
	d.status.begin(drop)
	obs := &observer{status: d.status}
	sum, err := pipeline.New(d.opts.Pipeline, d.cat, d.log, obs).RunSources(ctx, []string{drop.Path}, sources)
	event := "safe"
	if err != nil || sum.Failed > 0 {
		event = "failed"
	}
	d.status.end(drop, sum, err)
	d.log.Info("drop offloaded", "drop", drop.Path, "result", event, "files", sum.Files, "copied", sum.Copied,
		"known", sum.Known, "failed", sum.Failed, "error", errText(err))
	if ctx.Err() == nil {
		d.hooks.run(event, report(drop, sum, err, event))
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// observer feeds the status file with the file in flight.
type observer struct{ status *statusFile }

func (o *observer) Planned(files int, bytes int64) { o.status.planned(files, bytes) }
func (o *observer) Started(p pipeline.Planned)     { o.status.started(p.Path, p.Size) }
func (o *observer) Copied(n int64)                 { o.status.copied(n) }
func (o *observer) Finished(p pipeline.Planned, s string, err error) {
	o.status.finished(p.Path, s, err)
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
			Failures: []string{}, Manifests: []string{}})
	}
}
