package daemon

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"log/slog"
)

// A hook gets the report as JSON on stdin; one that hangs is stopped after
// its limit; one that fails is logged. None blocks the caller.
func TestHooksRunStopAndNeverBlock(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out.json")
	var logs strings.Builder
	h := newHookRunner(map[string]string{
		"safe":      "cat > " + out,
		"failed":    "sleep 30",
		"attention": "exit 3",
	}, 300*time.Millisecond, slog.New(slog.NewTextHandler(&logs, nil)))
	start := time.Now()
	h.run("safe", Report{Event: "safe", Drop: "/ingest/A001", Files: 2})
	h.run("failed", Report{Event: "failed"})
	h.run("attention", Report{Event: "attention"})
	h.run("unset", Report{})
	if time.Since(start) > 100*time.Millisecond {
		t.Error("running hooks blocked the caller")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := h.wait(ctx); err != nil {
		t.Fatalf("hooks not done: %v", err)
	}
	if time.Since(start) > 3*time.Second {
		t.Errorf("a hanging hook was not stopped in time (%v)", time.Since(start))
	}
	b, _ := os.ReadFile(out)
	if !strings.Contains(string(b), `"drop":"/ingest/A001"`) {
		t.Errorf("hook stdin: %s", b)
	}
	for _, w := range []string{"hook timed out", "hook failed"} {
		if !strings.Contains(logs.String(), w) {
			t.Errorf("log lacks %q:\n%s", w, logs.String())
		}
	}
}
