package daemon

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/rushes/rushes/offload"
	"github.com/rushes/rushes/pipeline"
	"github.com/rushes/rushes/watcher"
)

func TestRetryWaitDoublesUpToTheCap(t *testing.T) {
	r := newRetries(Backoff{First: time.Second, Max: 5 * time.Second})
	drop := watcher.Drop{Path: "/ingest/A001"}
	now := time.Unix(0, 0)
	var got []time.Duration
	for i := 0; i < 5; i++ {
		got = append(got, r.schedule(drop, "full", now).Sub(now))
	}
	want := []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 5 * time.Second, 5 * time.Second}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("waits %v, want %v", got, want)
	}
	if _, ok := r.due(now.Add(4 * time.Second)); ok {
		t.Error("a retry was due before its time")
	}
	if x, ok := r.due(now.Add(5 * time.Second)); !ok || x.drop.Path != drop.Path || x.reason != "full" {
		t.Errorf("due = %+v, %v", x, ok)
	}
	r.forget(drop.Path)
	if r.wait(now) != time.Hour {
		t.Error("a forgotten retry still waits")
	}
}

func TestOnlyCausesThatMayClearAreRetried(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"no space", fmt.Errorf("copy A.MOV: %w on /lib: needs 5 bytes", offload.ErrNoSpace), true},
		{"card pulled", fmt.Errorf("%w: /card/A.MOV", offload.ErrSourceGone), true},
		{"library busy", fmt.Errorf("%w: rushes ingest pid 12", pipeline.ErrBusy), true},
		{"verification mismatch", fmt.Errorf("A.MOV: %w", offload.ErrVerify), false},
		{"stopped", context.Canceled, false},
		{"something else", errors.New("layout"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := mayClear([]error{tt.err}); got != tt.want {
				t.Errorf("mayClear(%v) = %v, want %v", tt.err, got, tt.want)
			}
		})
	}
}

func TestJudgeCountsTheWholeCard(t *testing.T) {
	full := fmt.Errorf("%w on /lib", offload.ErrNoSpace)
	tests := []struct {
		name    string
		sum     pipeline.Summary
		err     error
		stopped bool
		state   string
		files   int
		known   int
	}{
		{"all verified", pipeline.Summary{Files: 1, Copied: 1}, nil, false, StateSafe, 6, 5},
		{"verified although stopped at the end", pipeline.Summary{Files: 1, Copied: 1}, nil, true, StateSafe, 6, 5},
		{"stopped mid-copy", pipeline.Summary{Files: 1, Failed: 1}, fmt.Errorf("run: %w", context.Canceled), true, StateInterrupted, 6, 5},
		{"disk full", pipeline.Summary{Files: 1, Failed: 1, Failures: []pipeline.Failure{{Path: "A", Err: full}}}, full, false, StateFailed, 6, 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := judge(tt.sum, tt.err, 5, tt.stopped)
			if o.state != tt.state || o.files != tt.files || o.known != tt.known {
				t.Errorf("judge = %s files=%d known=%d, want %s %d %d", o.state, o.files, o.known, tt.state, tt.files, tt.known)
			}
		})
	}
}
