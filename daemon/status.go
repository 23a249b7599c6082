package daemon

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/rushes/rushes/pipeline"
	"github.com/rushes/rushes/watcher"
)

// Status is what `rushes status` shows: the daemon's own report, written
// to <library>/.rushes/daemon.json every second and after every change.
type Status struct {
	PID      int         `json:"pid"`
	Since    time.Time   `json:"since"`
	Updated  time.Time   `json:"updated"`
	Roots    []RootState `json:"roots"`
	Settling int         `json:"settling"`  // files not yet unchanged for the settle time
	Open     int         `json:"open"`      // of those, held open by a writer
	Ready    int         `json:"ready"`     // complete, waiting for their drop
	Queued   []string    `json:"queued"`    // drops with files still to deliver
	InFlight *InFlight   `json:"in_flight"` // the drop being offloaded, nil when idle
	Drops    []DropState `json:"drops"`     // the latest drops, newest last
	Errors   []string    `json:"errors"`    // the latest problems, oldest first
}

// RootState is one watched root.
type RootState struct {
	Path    string `json:"path"`
	Mode    string `json:"mode"` // events or polling
	Why     string `json:"why,omitempty"`
	Missing bool   `json:"missing"`
	Scanned bool   `json:"scanned"`
	Files   int    `json:"files"`
}

// InFlight is the drop being offloaded and the file being copied.
type InFlight struct {
	Drop      string `json:"drop"`
	Files     int    `json:"files"`
	FilesDone int    `json:"files_done"`
	Bytes     int64  `json:"bytes"`
	BytesDone int64  `json:"bytes_done"`
	File      string `json:"file"`
}

// DropState is how one drop went: "copying", "safe" (every file verified
// on every destination: the card may be formatted) or "failed".
type DropState struct {
	Path     string    `json:"path"`
	State    string    `json:"state"`
	At       time.Time `json:"at"`
	Files    int       `json:"files"`
	Copied   int       `json:"copied"`
	Known    int       `json:"known"`
	Failed   int       `json:"failed"`
	Reason   string    `json:"reason,omitempty"`
	Failures []string  `json:"failures,omitempty"`
}

// StatusPath is where a daemon on library writes its status.
func StatusPath(library string) string { return filepath.Join(library, ".rushes", "daemon.json") }

const keepDrops = 50

type statusFile struct {
	mu   sync.Mutex
	path string
	w    *watcher.Watcher
	s    Status
}

func newStatusFile(path string, w *watcher.Watcher) *statusFile {
	return &statusFile{path: path, w: w, s: Status{PID: os.Getpid(), Since: time.Now()}}
}

func (f *statusFile) begin(d watcher.Drop) {
	f.mu.Lock()
	f.s.InFlight = &InFlight{Drop: d.Path, Files: len(d.Files)}
	f.s.Drops = append(f.s.Drops, DropState{Path: d.Path, State: "copying", At: time.Now(), Files: len(d.Files)})
	f.mu.Unlock()
	f.write()
}

func (f *statusFile) end(d watcher.Drop, sum pipeline.Summary, err error) {
	f.mu.Lock()
	f.s.InFlight = nil
	last := &f.s.Drops[len(f.s.Drops)-1]
	last.At, last.Copied, last.Known, last.Failed, last.State = time.Now(), sum.Copied, sum.Known, sum.Failed, "safe"
	if err != nil || sum.Failed > 0 {
		last.State = "failed"
		last.Reason = fmt.Sprintf("%d of %d files not verified", sum.Failed, sum.Files)
		if err != nil {
			last.Reason = err.Error()
		}
		for _, fl := range sum.Failures {
			last.Failures = append(last.Failures, fmt.Sprintf("%s: %v", fl.Path, fl.Err))
		}
		f.s.Errors = append(f.s.Errors, time.Now().Format(time.RFC3339)+" "+d.Path+": "+last.Reason)
	}
	if n := len(f.s.Drops); n > keepDrops {
		f.s.Drops = f.s.Drops[n-keepDrops:]
	}
	if n := len(f.s.Errors); n > keepDrops {
		f.s.Errors = f.s.Errors[n-keepDrops:]
	}
	f.mu.Unlock()
	f.write()
}

func (f *statusFile) planned(files int, bytes int64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.s.InFlight != nil {
		f.s.InFlight.Files, f.s.InFlight.Bytes = files, bytes
	}
}

func (f *statusFile) started(path string, size int64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.s.InFlight != nil {
		f.s.InFlight.File = path
	}
}

func (f *statusFile) copied(n int64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.s.InFlight != nil {
		f.s.InFlight.BytesDone += n
	}
}

func (f *statusFile) finished(path, state string, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.s.InFlight != nil {
		f.s.InFlight.FilesDone++
	}
}

// write publishes the status atomically: a reader never sees half a file.
func (f *statusFile) write() {
	ws := f.w.Status()
	f.mu.Lock()
	s := f.s
	s.Updated = time.Now()
	s.Roots = s.Roots[:0:0]
	for _, r := range ws.Roots {
		s.Roots = append(s.Roots, RootState{Path: r.Path, Mode: r.Mode, Why: r.Why, Missing: r.Missing, Scanned: r.Scanned, Files: r.Files})
	}
	s.Settling, s.Open, s.Ready = ws.Pending, ws.Open, ws.Ready
	s.Queued = nil
	for _, d := range ws.Drops {
		s.Queued = append(s.Queued, d.Path)
	}
	s.Errors = append([]string(nil), f.s.Errors...)
	for _, e := range ws.Errors {
		s.Errors = append(s.Errors, e.At.Format(time.RFC3339)+" "+e.Message)
	}
	if s.InFlight != nil {
		in := *s.InFlight
		s.InFlight = &in
	}
	s.Drops = append([]DropState(nil), f.s.Drops...)
	f.mu.Unlock()
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return
	}
	tmp := f.path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err == nil {
		os.Rename(tmp, f.path)
	}
}

func (f *statusFile) close() error {
	err := os.Remove(f.path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	return err
}

// ReadStatus reads the status a daemon on library publishes. running is
// false when no daemon holds the library's daemon lock (then the status, if
// any, is stale and is not returned).
func ReadStatus(library string) (st Status, running bool, err error) {
	if !daemonRunning(library) {
		return st, false, nil
	}
	b, err := os.ReadFile(StatusPath(library))
	if err != nil {
		return st, true, fmt.Errorf("read daemon status: %w", err)
	}
	if err := json.Unmarshal(b, &st); err != nil {
		return st, true, fmt.Errorf("read daemon status: %w", err)
	}
	return st, true, nil
}
