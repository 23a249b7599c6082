// Package pipeline runs the pipeline that turns cards and folders into
// verified, catalogued clips: walk, probe, organize, offload, catalog. Both
// `rushes ingest` and the daemon use it. It owns the order of the stages and
// the run's journal; it never parses media, never copies bytes itself, and
// never writes SQL.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"github.com/rushes/rushes/crashpoint"
	"io/fs"
	"log/slog"
	"path/filepath"
	"syscall"
	"time"

	"github.com/rushes/rushes/catalog"
	"github.com/rushes/rushes/media"
	"github.com/rushes/rushes/offload"
	"github.com/rushes/rushes/organize"
	"github.com/rushes/rushes/probe"
)

// Options are the settings one ingest needs.
type Options struct {
	Library   string // absolute library root
	Layout    organize.Layout
	Hash      string // xxh128, xxh64, xxh3, md5, sha1
	Backups   []string
	Ignore    []string // globs on top of the built-in junk names
	Location  *time.Location
	DayStarts time.Duration
	DryRun    bool // plan only: nothing is written, not even the catalog
	InFlight  int  // large files copied at once per source device (small ones: 4x); 0 means DefaultInFlight
	// VerifySource re-reads each source after copying and compares hashes.
	VerifySource bool
	// Move deletes each source once every copy of it is verified and recorded.
	Move bool
	// Version names rushes in the manifests it writes.
	Version string
	// MinOverlap is the shortest timecode overlap (seconds) for a scene
	// match; 0 means DefaultMinOverlap.
	MinOverlap float64
	// Prober reads each file's facts; nil uses one with no patterns.
	Prober *probe.Prober
	// CameraLetter maps a body serial or model to a camera letter (the
	// configured cameras table); nil: none.
	CameraLetter func(serialOrModel string) (string, bool)
}

// Observer hears about progress; a terminal shows a bar, a log shows lines.
type Observer interface {
	Planned(files int, bytes int64)
	Started(p Planned)
	Copied(n int64) // bytes of the current file, as they are read
	// Finished is told each file's final outcome once its clip's fate is
	// known (recorded, or not), with Dest the path it has in the library.
	Finished(p Planned, state string, err error)
}

// Planned is one source file with the place the plan gives it.
type Planned struct {
	Source
	Dest   string            // absolute path in the library
	Facts  media.Facts       // what the probe read
	Day    string            // shooting day
	Role   string            // media, sidecar, proxy, thumbnail
	Reason map[string]string // part of the place -> value and where it came from
}

// Failure names a file that was not offloaded and why.
type Failure struct {
	Path string
	Err  error
}

// Summary is what a run did.
type Summary struct {
	RunID    int64
	Files    int
	Copied   int
	Known    int // already in the library: not read again
	Failed   int
	Bytes    int64
	Failures []Failure
	Skipped  []Skipped
	Plan     []PlannedClip
	Cleaned  []string       // orphaned partial files removed at start
	Moved    []catalog.Move // files a timecode match moved to their clip's scene
	Written  []Written      // verified copies made by this run, on every destination
	Manifest []string       // ASC MHL generations written
	Warnings []Warning      // metadata problems of files that were still offloaded
	Renamed  []Renamed      // files that got a clash name: other content held their planned name
}

// Renamed is a file verified under another name than planned, because
// another file with other content held the planned one (C0001_2.MP4).
type Renamed struct {
	Source, Planned, Final string
}

// Warning is a metadata problem in a file that was offloaded all the same
// (a recording not finalized, broken iXML): said at offload, not only by probe.
type Warning struct {
	Path string // the source file
	Text string
}

// Pipeline runs ingests against one library and catalog.
type Pipeline struct {
	opts Options
	cat  *catalog.Catalog
	log  *slog.Logger
	obs  Observer
}

// New returns a pipeline. obs may be nil.
func New(opts Options, cat *catalog.Catalog, log *slog.Logger, obs Observer) *Pipeline {
	if obs == nil {
		obs = nopObserver{}
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Pipeline{opts: opts, cat: cat, log: log, obs: obs}
}

// Run ingests the given cards or folders. It returns an error only when the
// run as a whole could not proceed; per-file failures are in the summary.
func (p *Pipeline) Run(ctx context.Context, paths []string) (Summary, error) {
	sources, skipped, err := Walk(ctx, paths, p.opts.Library, p.opts.Ignore)
	if err != nil {
		return Summary{}, err
	}
	var unread []Failure
	for _, s := range skipped {
		if s.Err != nil { // unreadable: its files are not offloaded, and the run is not safe
			unread = append(unread, Failure{s.Path, fmt.Errorf("%s could not be read, so nothing in it was offloaded: %w; fix its permissions or the drive and ingest again", s.Path, s.Err)})
		}
	}
	sum, err := p.runSources(ctx, absAll(paths), sources, unread)
	sum.Skipped = skipped
	return sum, err
}

// RunSources ingests files already found (the daemon's complete drops);
// label names the run in the catalog (the cards or folders).
func (p *Pipeline) RunSources(ctx context.Context, label []string, sources []Source) (Summary, error) {
	return p.runSources(ctx, label, sources, nil)
}

// runSources is RunSources with the failures found before it began (folders
// the walk could not read): they count, and keep the run from safe.
func (p *Pipeline) runSources(ctx context.Context, label []string, sources []Source, failed []Failure) (Summary, error) {
	sum := Summary{Failed: len(failed), Failures: failed}
	sources = p.withoutCatalog(sources)
	plan, err := p.plan(ctx, sources)
	if err != nil {
		return sum, err
	}
	sum.Warnings = planWarnings(plan)
	if p.opts.DryRun {
		sum.Plan = plan
		for _, pc := range plan {
			sum.Files += len(pc.Files)
		}
		return sum, nil
	}
	lock, err := lockLibrary(p.opts.Library)
	if err != nil {
		return sum, err
	}
	defer lock.Release()
	if sum.Cleaned, sum.Manifest, err = p.recover(ctx); err != nil {
		return sum, err
	}
	if err := p.preflight(ctx, plan); err != nil {
		return sum, err
	}
	return p.execute(ctx, label, plan, sum)
}

// planWarnings are the metadata problems the probe found in the plan's
// files, said at offload (the footage is offloaded all the same).
func planWarnings(plan []PlannedClip) []Warning {
	var out []Warning
	for _, pc := range plan {
		for _, f := range pc.Files {
			for _, w := range f.Facts.Warnings {
				out = append(out, Warning{Path: f.Path, Text: w})
			}
		}
	}
	return out
}

// withoutCatalog leaves out the catalog's own files (its log and its
// journal too) should they lie under a path given to ingest: they change
// with every commit, and ingesting them would never end.
func (p *Pipeline) withoutCatalog(sources []Source) []Source {
	if p.cat == nil {
		return sources
	}
	db := p.cat.Path()
	out := sources[:0:0]
	for _, s := range sources {
		switch s.Path {
		case db, db + "-wal", db + "-shm", db + "-journal":
			p.log.Warn("the catalog lies inside a path given to ingest: left out", "path", s.Path)
			continue
		}
		out = append(out, s)
	}
	return out
}

// Recover does at once what every run does first: it cleans up after an
// interrupted run and brings every destination's ASC MHL history up to
// date with the catalog. The daemon calls it when it starts.
func (p *Pipeline) Recover(ctx context.Context) error {
	lock, err := lockLibrary(p.opts.Library)
	if err != nil {
		return err
	}
	defer lock.Release()
	if _, err := p.cleanUp(ctx); err != nil {
		return err
	}
	_, err = p.catchUpHistories(ctx, nil)
	return err
}

// cleanUp cleans up after a run that was killed: partial files are removed
// from the library and the backups, and its run is marked interrupted. Verified files stay; the catalog or the
// identical-file check keeps them from being copied again.
func (p *Pipeline) cleanUp(ctx context.Context) ([]string, error) {
	removed, err := offload.RemovePartials(ctx, p.opts.Library)
	if err != nil {
		return removed, fmt.Errorf("clean partial files in %s: %w", p.opts.Library, err)
	}
	for _, b := range p.opts.Backups {
		r, err := offload.RemovePartials(ctx, b)
		removed = append(removed, r...)
		if err != nil && !errors.Is(err, fs.ErrNotExist) { // a backup not made yet has none
			// Hidden and harmless: the run goes on; a backup that cannot
			// be read fails its copies with the reason.
			p.log.Warn("could not clean partial files in a backup; delete .*.rushes-partial-* files there by hand", "backup", b, "err", err)
		}
	}
	for _, r := range removed {
		p.log.Info("removed partial file from an interrupted run", "path", r)
	}
	if _, err := p.cat.InterruptDeadRuns(ctx, processAlive); err != nil {
		return removed, err
	}
	if err := p.recoverRelocations(ctx); err != nil {
		return removed, err
	}
	return removed, nil
}

// recover is what every run does first: cleanUp, then the catch-up of every
// destination's ASC MHL history. A run killed before its manifests were
// written left histories that lack its files: repaired now, whatever this
// run goes on to do. What cannot be repaired does not stop the offload of a
// new card; the run's own catch-up at its end meets it again and keeps the
// run from SAFE.
func (p *Pipeline) recover(ctx context.Context) (cleaned, repaired []string, err error) {
	if cleaned, err = p.cleanUp(ctx); err != nil {
		return cleaned, nil, err
	}
	repaired, herr := p.catchUpHistories(ctx, nil)
	if herr != nil {
		p.log.Warn("ASC MHL history could not be brought up to date", "err", herr)
	}
	return cleaned, repaired, nil
}

func processAlive(pid int) bool {
	if pid <= 0 {
		return false
	}
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

func (p *Pipeline) execute(ctx context.Context, paths []string, plan []PlannedClip, sum Summary) (Summary, error) {
	runID, err := p.cat.StartRun(ctx, paths)
	if err != nil {
		return sum, err
	}
	var total int64
	var planned []catalog.Entry
	for _, pc := range plan {
		for _, f := range pc.Files {
			total += f.Size
			sum.Files++
			planned = append(planned, catalog.Entry{RunID: runID, Source: f.Path, Size: f.Size, Dest: f.Dest})
		}
	}
	sum.RunID = runID
	if err := p.cat.JournalPlanned(ctx, planned); err != nil {
		return sum, p.finish(runID, sum, err)
	}
	p.obs.Planned(sum.Files, total)
	runErr := p.offloadAll(ctx, runID, plan, &sum)
	if runErr == nil {
		moved, err := p.matchDays(ctx, touchedDays(plan))
		sum.Moved, runErr = moved, err
	}
	crashpoint.Here("before-manifest") // every file verified and recorded, no manifest written
	manifests, err := p.catchUpHistories(context.WithoutCancel(ctx), freshCopies(sum.Written))
	sum.Manifest, runErr = append(sum.Manifest, manifests...), errors.Join(runErr, err)
	return sum, p.finish(runID, sum, runErr)
}

func (p *Pipeline) finish(runID int64, sum Summary, runErr error) error {
	state := "done"
	switch {
	case errors.Is(runErr, context.Canceled):
		state = "interrupted"
	case runErr != nil || sum.Failed > 0:
		state = "failed"
	}
	// The run's record is written even when ctx was cancelled.
	err := p.cat.FinishRun(context.WithoutCancel(context.Background()), catalog.Run{ID: runID, State: state,
		FilesTotal: sum.Files, FilesCopied: sum.Copied, FilesKnown: sum.Known, FilesFailed: sum.Failed,
		BytesCopied: sum.Bytes})
	return errors.Join(runErr, err)
}

func absAll(paths []string) []string {
	out := make([]string, 0, len(paths))
	for _, p := range paths {
		if a, err := filepath.Abs(p); err == nil {
			p = a
		}
		out = append(out, p)
	}
	return out
}

type nopObserver struct{}

func (nopObserver) Planned(int, int64)              {}
func (nopObserver) Started(Planned)                 {}
func (nopObserver) Copied(int64)                    {}
func (nopObserver) Finished(Planned, string, error) {}
