package daemon

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"github.com/rushes/rushes/pipeline"
	"github.com/rushes/rushes/watcher"
)

// Drop states, as status and the hooks name them.
const (
	StateCopying     = "copying"
	StateSafe        = "safe"        // every file of the card verified on every destination
	StateFailed      = "failed"      // some file is not verified; see the reason
	StateInterrupted = "interrupted" // the daemon stopped or died during it; the next start resumes it
)

// outcome is how one drop went, counted over the whole card: the files of
// this run and those the catalog already held from an earlier one.
type outcome struct {
	state                        string
	files, copied, known, failed int
	reason                       string
	failures, warnings           []string
	manifests                    []string
	err                          error
	causes                       []error   // the run's error and each failure's, for deciding a retry
	retryAt                      time.Time // zero: not retried
}

// ingest offloads one drop (or retries one) and says how it went.
func (d *Daemon) ingest(ctx context.Context, drop watcher.Drop, retry bool) {
	d.busy.Store(true)
	defer d.busy.Store(false)
	sources, known := d.sources(ctx, drop)
	d.status.begin(drop, known)
	var sum pipeline.Summary
	var err error
	if len(sources) > 0 {
		obs := &observer{status: d.status}
		sum, err = pipeline.New(d.opts.Pipeline, d.cat, d.log, obs).RunSources(ctx, []string{drop.Path}, sources)
	}
	o := judge(sum, err, known, ctx.Err() != nil)
	hook := d.schedule(drop, &o, retry)
	d.status.end(drop, o)
	d.logOutcome(drop, o, retry)
	if hook {
		d.hooks.run(o.state, report(drop, o))
	}
}

// sources are the files of the drop the catalog does not hold yet: its new
// files and any earlier one of the card that was never verified (a failed
// drop's, so that a card is safe only as a whole). known counts the others.
func (d *Daemon) sources(ctx context.Context, drop watcher.Drop) (out []pipeline.Source, known int) {
	root := drop.Path
	if len(drop.Files) == 1 && drop.Files[0].Path == drop.Path { // a loose file
		root = filepath.Dir(drop.Path)
	}
	for _, f := range append(append([]watcher.File(nil), drop.Files...), drop.Done...) {
		// A lookup that fails leaves the file to the pipeline, which asks again and never
		// copies a verified file twice.
		if _, ok, err := d.cat.KnownSource(ctx, f.Path, f.Size, f.Mtime); err == nil && ok {
			known++
			continue
		}
		out = append(out, pipeline.Source{Path: f.Path, Root: root, Card: filepath.Base(root), Size: f.Size, Mtime: f.Mtime})
	}
	return out, known
}

// judge turns a run's summary into the drop's outcome. A drop whose every
// file is verified is safe even when the stop came at the end; otherwise
// a stop is an interruption, not a failure.
func judge(sum pipeline.Summary, err error, known int, stopped bool) outcome {
	o := outcome{files: sum.Files + known, copied: sum.Copied, known: sum.Known + known, failed: sum.Failed,
		manifests: sum.Manifest, err: err, state: StateSafe}
	if err != nil {
		o.causes = append(o.causes, err)
	}
	for _, f := range sum.Failures {
		o.failures = append(o.failures, fmt.Sprintf("%s: %v", f.Path, f.Err))
		o.causes = append(o.causes, f.Err)
	}
	for _, w := range sum.Warnings {
		o.warnings = append(o.warnings, w.Path+": "+w.Text)
	}
	switch {
	case err == nil && sum.Failed == 0:
	case stopped || errors.Is(err, context.Canceled):
		o.state = StateInterrupted
		o.reason = "the daemon stopped during this drop; the next start resumes it"
	default:
		o.state = StateFailed
		o.reason = fmt.Sprintf("%d of %d files not verified", sum.Failed, o.files)
		if err != nil {
			o.reason = err.Error()
		}
	}
	return o
}

// schedule decides whether a failed drop is tried again and reports
// whether the hook for its outcome runs: safe always, failed once per
// series of retries (a disk full all night fires one hook, not one per
// retry), interrupted never (it is not over).
func (d *Daemon) schedule(drop watcher.Drop, o *outcome, retry bool) bool {
	_, had := d.retries.get(drop.Path)
	base := o.reason
	switch {
	case o.state == StateSafe:
		d.retries.forget(drop.Path)
		return true
	case o.state == StateInterrupted:
		return false
	case o.state == StateFailed || o.failed > 0 || o.files > o.copied+o.known:
		if mayClear(o.causes) {
			o.retryAt = d.retries.schedule(drop, base, time.Now())
			o.reason += fmt.Sprintf("; tried again at %s", o.retryAt.Format(time.TimeOnly))
		} else {
			d.retries.forget(drop.Path)
			o.reason += "; not retried: fix the cause, then take the card out and back in, or restart the daemon"
		}
	default: // every file verified; the error came after (a manifest, a match): no copy to retry
		d.retries.forget(drop.Path)
	}
	return !had
}

func (d *Daemon) logOutcome(drop watcher.Drop, o outcome, retry bool) {
	args := []any{"drop", drop.Path, "result", o.state, "files", o.files, "copied", o.copied,
		"known", o.known, "failed", o.failed, "warnings", len(o.warnings)}
	if retry {
		args = append(args, "retry", true)
	}
	if o.err != nil {
		args = append(args, "error", o.err.Error())
	}
	if !o.retryAt.IsZero() {
		args = append(args, "retry_at", o.retryAt.Format(time.RFC3339))
	}
	d.log.Info("drop offloaded", args...)
	for _, w := range o.warnings {
		d.log.Warn("metadata warning in an offloaded file", "drop", drop.Path, "warning", w)
	}
}

// observer feeds the status file with the file in flight.
type observer struct{ status *statusFile }

func (o *observer) Planned(files int, bytes int64) { o.status.planned(files, bytes) }
func (o *observer) Started(p pipeline.Planned)     { o.status.started(p.Path) }
func (o *observer) Copied(n int64)                 { o.status.copied(n) }
func (o *observer) Finished(pipeline.Planned, string, error) {
	o.status.finished()
}
