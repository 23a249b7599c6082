package daemon

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"os/exec"
	"sync"
	"time"

	"github.com/rushes/rushes/watcher"
)

// DefaultHookWait is how long a hook may run before it is stopped.
const DefaultHookWait = 30 * time.Second

// Report is what a hook reads as JSON on standard input. Its counts cover
// the whole card, files known from an earlier drop included.
type Report struct {
	Event     string   `json:"event"` // safe, failed, attention
	Drop      string   `json:"drop"`
	Files     int      `json:"files"`
	Copied    int      `json:"copied"`
	Known     int      `json:"known"`
	Failed    int      `json:"failed"`
	Failures  []string `json:"failures"`
	Error     string   `json:"error,omitempty"`
	Manifests []string `json:"manifests"`
	Warnings  []string `json:"warnings"`          // "path: problem": metadata problems of files offloaded all the same
	Changed   []string `json:"changed,omitempty"` // attention: sources that changed after they were called safe
	RetryAt   string   `json:"retry_at,omitempty"`
	At        string   `json:"at"`
}

func report(d watcher.Drop, o outcome) Report {
	r := Report{Event: o.state, Drop: d.Path, Files: o.files, Copied: o.copied, Known: o.known, Failed: o.failed,
		Error: o.reason, Manifests: o.manifests, At: time.Now().Format(time.RFC3339),
		Failures: append([]string{}, o.failures...), Warnings: append([]string{}, o.warnings...)}
	if r.Manifests == nil {
		r.Manifests = []string{}
	}
	if !o.retryAt.IsZero() {
		r.RetryAt = o.retryAt.Format(time.RFC3339)
	}
	return r
}

// hookRunner runs hooks in the background: a hook that fails or hangs is
// logged and stopped, and never blocks ingest.
type hookRunner struct {
	cmds  map[string]string
	limit time.Duration
	log   *slog.Logger
	wg    sync.WaitGroup
}

func newHookRunner(cmds map[string]string, wait time.Duration, log *slog.Logger) *hookRunner {
	if wait <= 0 {
		wait = DefaultHookWait
	}
	return &hookRunner{cmds: cmds, limit: wait, log: log}
}

func (h *hookRunner) run(event string, r Report) {
	cmd := h.cmds[event]
	if cmd == "" {
		return
	}
	input, _ := json.Marshal(r)
	h.wg.Add(1)
	go func() {
		defer h.wg.Done()
		ctx, cancel := context.WithTimeout(context.Background(), h.limit)
		defer cancel()
		c := exec.CommandContext(ctx, "sh", "-c", cmd)
		c.Stdin = bytes.NewReader(input)
		c.WaitDelay = time.Second
		out, err := c.CombinedOutput()
		switch {
		case ctx.Err() != nil:
			h.log.Warn("hook timed out and was stopped", "event", event, "command", cmd, "after", h.limit)
		case err != nil:
			h.log.Warn("hook failed", "event", event, "command", cmd, "error", err, "output", string(out))
		default:
			h.log.Debug("hook ran", "event", event, "command", cmd)
		}
	}()
}

// wait waits for running hooks, or for ctx.
func (h *hookRunner) wait(ctx context.Context) error {
	done := make(chan struct{})
	go func() { h.wg.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
