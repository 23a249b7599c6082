package daemon

import (
	"context"
	"fmt"
	"time"

	"github.com/rushes/rushes/watcher"
)

// change is a source file that changed after the watcher delivered it.
type change struct{ was, now watcher.File }

// heardChange queues a change for the loop; it runs on the watcher's
// goroutine and must not block it.
func (d *Daemon) heardChange(was, now watcher.File) {
	select {
	case d.changes <- change{was, now}:
	default:
		d.log.Warn("too many sources changed at once; this one is not checked", "path", now.Path)
	}
}

// checkChange warns when the version of a source that was verified (and
// so called safe) has changed since: a writer that appended after pausing
// longer than settle, or a card written to after its offload. The new
// version is offloaded as another clip; someone must decide which to keep,
// and must not format a card on the strength of the first report. The
// loop checks only between drops, so a drop in flight has been recorded.
func (d *Daemon) checkChange(ctx context.Context, c change) {
	if _, ok, err := d.cat.KnownSource(ctx, c.was.Path, c.was.Size, c.was.Mtime); err != nil || !ok {
		return // that version was never verified: nothing about it was called safe
	}
	msg := fmt.Sprintf("%s changed after it was offloaded and called safe (%d bytes, modified %s; now %d bytes, modified %s): "+
		"the new version is offloaded as another clip; check what wrote to it before formatting the card",
		c.now.Path, c.was.Size, c.was.Mtime.Format(time.DateTime), c.now.Size, c.now.Mtime.Format(time.DateTime))
	d.log.Warn("a source changed after it was called safe", "path", c.now.Path, "was_bytes", c.was.Size,
		"now_bytes", c.now.Size, "was_modified", c.was.Mtime.Format(time.RFC3339Nano), "now_modified", c.now.Mtime.Format(time.RFC3339Nano))
	d.status.problem(msg)
	d.hooks.run("attention", Report{Event: "attention", Error: msg, At: time.Now().Format(time.RFC3339),
		Changed: []string{c.now.Path}, Failures: []string{}, Manifests: []string{}, Warnings: []string{}})
}
