package daemon

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

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

// DropState is how one drop went: "copying", "safe" (every file of the
// card verified on every destination: the card may be formatted),
// "failed" (with the reason, and when it is tried again) or "interrupted"
// (the daemon stopped or died during it; the next start resumes it).
// Files counts the whole card: its files known from an earlier drop too.
type DropState struct {
	Path     string     `json:"path"`
	State    string     `json:"state"`
	At       time.Time  `json:"at"`
	Files    int        `json:"files"`
	Copied   int        `json:"copied"`
	Known    int        `json:"known"`
	Failed   int        `json:"failed"`
	Reason   string     `json:"reason,omitempty"`
	RetryAt  *time.Time `json:"retry_at,omitempty"`
	Failures []string   `json:"failures,omitempty"`
	Warnings []string   `json:"warnings,omitempty"` // metadata problems of files offloaded all the same
}

// StatusPath is where a daemon on library writes its status.
func StatusPath(library string) string { return filepath.Join(library, ".rushes", "daemon.json") }

const keepDrops = 50

type statusFile struct {
	mu   sync.Mutex // guards s
	wmu  sync.Mutex // one writer of the file at a time: the ticker and the loop both write
	path string
	w    *watcher.Watcher
	s    Status
}

// newStatusFile starts a status with the drops the previous daemon left
// unfinished.
func newStatusFile(path string, w *watcher.Watcher, carried []DropState) *statusFile {
	return &statusFile{path: path, w: w, s: Status{PID: os.Getpid(), Since: time.Now(), Drops: carried}}
}

// begin shows d in flight. An earlier entry of the same drop that did not
// end safe (failed, interrupted) is replaced: this is its resumption.
func (f *statusFile) begin(d watcher.Drop, known int) {
	f.mu.Lock()
	f.s.InFlight = &InFlight{Drop: d.Path, Files: len(d.Files) + len(d.Done), FilesDone: known}
	kept := f.s.Drops[:0]
	for _, x := range f.s.Drops {
		if x.Path != d.Path || x.State == StateSafe {
			kept = append(kept, x)
		}
	}
	f.s.Drops = append(kept, DropState{Path: d.Path, State: StateCopying, At: time.Now(), Files: len(d.Files) + len(d.Done)})
	f.mu.Unlock()
	f.write()
}

func (f *statusFile) end(d watcher.Drop, o outcome) {
	f.mu.Lock()
	f.s.InFlight = nil
	last := &f.s.Drops[len(f.s.Drops)-1]
	*last = DropState{Path: d.Path, State: o.state, At: time.Now(), Files: o.files, Copied: o.copied, Known: o.known,
		Failed: o.failed, Reason: o.reason, Failures: o.failures, Warnings: o.warnings}
	if !o.retryAt.IsZero() {
		at := o.retryAt
		last.RetryAt = &at
	}
	if o.state == StateFailed {
		f.problemLocked(d.Path + ": " + o.reason)
	}
	if n := len(f.s.Drops); n > keepDrops {
		f.s.Drops = f.s.Drops[n-keepDrops:]
	}
	f.mu.Unlock()
	f.write()
}

// problem records a daemon problem for the errors list.
func (f *statusFile) problem(msg string) {
	f.mu.Lock()
	f.problemLocked(msg)
	f.mu.Unlock()
}

func (f *statusFile) problemLocked(msg string) {
	f.s.Errors = append(f.s.Errors, time.Now().Format(time.RFC3339)+" "+msg)
	if n := len(f.s.Errors); n > keepDrops {
		f.s.Errors = f.s.Errors[n-keepDrops:]
	}
}

func (f *statusFile) planned(files int, bytes int64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.s.InFlight != nil {
		f.s.InFlight.Bytes = bytes
	}
}

func (f *statusFile) started(path string) {
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

func (f *statusFile) finished() {
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
	f.wmu.Lock()
	defer f.wmu.Unlock()
	tmp := f.path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err == nil {
		os.Rename(tmp, f.path)
	}
}

// close writes the last status and leaves it: the next start reads from it
// which drop was interrupted. Nobody else takes it for a live report, as
// ReadStatus needs the daemon's lock held.
func (f *statusFile) close() error {
	f.write()
	return nil
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
