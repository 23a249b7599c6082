package watcher

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"testing"
	"time"
)

const testSettle = 200 * time.Millisecond

// sink collects what a watcher delivers.
type sink struct {
	mu    sync.Mutex
	drops []Drop
	at    []time.Time
	done  chan struct{}
}

// openWatcher opens a watcher with test defaults (reconcile off, so events must do the work)
// and collects its drops; the watcher is closed when the test ends.
func openWatcher(t testing.TB, opts Options) (*Watcher, *sink) {
	t.Helper()
	if opts.Settle == 0 {
		opts.Settle = testSettle
	}
	if opts.Reconcile == 0 {
		opts.Reconcile = -1
	}
	if opts.PollInterval == 0 {
		opts.PollInterval = time.Hour
	}
	w := New(opts)
	if err := w.Open(context.Background()); err != nil {
		t.Fatalf("open: %v", err)
	}
	s := &sink{done: make(chan struct{})}
	go func() {
		defer close(s.done)
		for d := range w.Drops() {
			s.mu.Lock()
			s.drops = append(s.drops, d)
			s.at = append(s.at, time.Now())
			s.mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := w.Close(ctx); err != nil {
			t.Errorf("close: %v", err)
		}
		<-s.done
	})
	waitFor(t, 5*time.Second, "first scan", func() bool {
		for _, r := range w.Status().Roots {
			if !r.Scanned && !r.Missing {
				return false
			}
		}
		return true
	})
	return w, s
}

// files returns every delivered file by path, and when it was delivered.
func (s *sink) files() map[string]File {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]File{}
	for _, d := range s.drops {
		for _, f := range d.Files {
			out[f.Path] = f
		}
	}
	return out
}

// delivered counts every file delivered, twice if it came twice.
func (s *sink) delivered() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, d := range s.drops {
		n += len(d.Files)
	}
	return n
}

func (s *sink) list() []Drop {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Drop(nil), s.drops...)
}

// waitFiles waits until every path was delivered.
func (s *sink) waitFiles(t testing.TB, timeout time.Duration, paths ...string) {
	t.Helper()
	waitFor(t, timeout, "files delivered", func() bool {
		got := s.files()
		for _, p := range paths {
			if _, ok := got[p]; !ok {
				return false
			}
		}
		return true
	})
}

// quiet fails if anything is delivered within d.
func (s *sink) quiet(t testing.TB, d time.Duration) {
	t.Helper()
	time.Sleep(d)
	if got := s.list(); len(got) > 0 {
		t.Fatalf("delivered %v, want nothing", got)
	}
}

func waitFor(t testing.TB, timeout time.Duration, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// write creates a file with n bytes, and its folders.
func write(t testing.TB, p string, n int) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, make([]byte, n), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func appendTo(t testing.TB, p string, n int) {
	t.Helper()
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write(make([]byte, n)); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

func sorted(m map[string]File) []string {
	var out []string
	for p := range m {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}
