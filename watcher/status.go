package watcher

import (
	"sort"
	"time"
)

// Modes a root is watched in.
const (
	ModeEvents  = "events"  // inotify (or the platform's notification) plus the reconcile scan
	ModePolling = "polling" // a scan every PollInterval
)

const (
	maxErrors     = 16  // errors Status keeps, the latest
	maxDropStatus = 100 // drops Status lists
)

// Status is what the watcher is doing, for `rushes status`.
type Status struct {
	Roots []RootStatus
	Files int // files tracked under every root, in any state
	// Pending files were seen but have not yet kept their size and modification time for the
	// settle time (or were held open by a writer at the last check).
	Pending int
	Open    int // of Pending: held open by a writer at the last check
	// Ready files are complete and wait for the rest of their drop, or for the consumer to take
	// the drop.
	Ready      int
	Done       int           // delivered, or Known to the catalog
	Drops      []DropStatus  // drops with files not yet delivered, by path; at most 100
	Watches    int           // folders watched with inotify
	MaxWatches int           // fs.inotify.max_user_watches; 0 when unknown
	OpenCheck  string        // how writers are detected
	Errors     []ErrorStatus // the latest problems, oldest first
}

// RootStatus is one root.
type RootStatus struct {
	Path     string
	Mode     string // ModeEvents or ModePolling
	Why      string // why it is polled: configured, network filesystem, inotify watch limit...
	Card     bool   // the whole root is one drop
	Volume   bool   // a drive found under a volume parent
	Missing  bool   // the folder does not exist (yet); it is looked for every PollInterval
	Scanned  bool   // the first full scan is done
	LastScan time.Time
	ScanTook time.Duration
	Files    int // files tracked under it
	Err      string
}

// DropStatus is a drop that still has files to deliver.
type DropStatus struct {
	Path    string
	Pending int // still settling or held open
	Ready   int // complete, waiting for the rest or for the consumer
	Done    int // delivered before or Known
}

// ErrorStatus is a problem the watcher met.
type ErrorStatus struct {
	At      time.Time
	Message string
}

// trackerStats is what the tracker publishes for Status.
type trackerStats struct {
	n     [nStages]int
	open  int
	roots map[*root]int // files per root
	drops []DropStatus
}

// Status returns a snapshot of the watcher's state.
func (w *Watcher) Status() Status {
	w.mu.Lock()
	defer w.mu.Unlock()
	s := Status{
		Files:      w.stats.n[stagePending] + w.stats.n[stageSettled] + w.stats.n[stagePrepared] + w.stats.n[stageDone],
		Pending:    w.stats.n[stagePending],
		Open:       w.stats.open,
		Ready:      w.stats.n[stageSettled] + w.stats.n[stagePrepared],
		Done:       w.stats.n[stageDone],
		Drops:      append([]DropStatus(nil), w.stats.drops...),
		Watches:    len(w.watches.dirs),
		MaxWatches: w.maxWatches,
		OpenCheck:  openCheckMethod,
		Errors:     append([]ErrorStatus(nil), w.errs...),
	}
	for _, r := range w.roots {
		rs := RootStatus{
			Path: r.Path, Mode: ModeEvents, Card: r.Card, Volume: r.volume, Missing: r.missing,
			Scanned: !r.lastScan.IsZero(), LastScan: r.lastScan, ScanTook: r.scanTook,
			Files: w.stats.roots[r], Err: r.err,
		}
		if r.polled() {
			rs.Mode, rs.Why = ModePolling, r.pollWhy
			if r.degraded != "" {
				rs.Why = r.degraded
			}
		}
		s.Roots = append(s.Roots, rs)
	}
	return s
}

// publish hands the tracker's counts to Status.
func (t *tracker) publish() {
	st := trackerStats{n: t.n, open: t.open, roots: make(map[*root]int, len(t.roots))}
	for r, rs := range t.roots {
		st.roots[r] = rs.n[stagePending] + rs.n[stageSettled] + rs.n[stagePrepared] + rs.n[stageDone]
	}
	for d := range t.active {
		st.drops = append(st.drops, DropStatus{
			Path: d.path, Pending: d.n[stagePending], Ready: d.n[stageSettled] + d.n[stagePrepared],
			Done: d.n[stageDone],
		})
	}
	sort.Slice(st.drops, func(i, j int) bool { return st.drops[i].Path < st.drops[j].Path })
	if len(st.drops) > maxDropStatus {
		st.drops = st.drops[:maxDropStatus]
	}
	t.w.mu.Lock()
	t.w.stats = st
	t.w.mu.Unlock()
}
