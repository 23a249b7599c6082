package pipeline

import (
	"context"
	"errors"
	"fmt"
	"github.com/rushes/rushes/crashpoint"
	"os"
	"path/filepath"

	"github.com/rushes/rushes/catalog"
	"github.com/rushes/rushes/offload"
	"github.com/rushes/rushes/organize"
)

// fileOutcome is what offloading one file of a clip came to.
type fileOutcome struct {
	Planned
	state string // known, verified or failed
	res   offload.Result
	known catalog.File // for a known file: its library record
	err   error        // failed, or verified in the library with a backup failed
}

// offloadClip offloads every file of one recording, then records the clip
// once all its library copies are verified: the catalog never lists a clip
// with a file missing. Files verified before a failure stay in the library;
// the next run finds them there and records the clip without copying them.
func (p *Pipeline) offloadClip(ctx context.Context, r *offloadRun, pc PlannedClip) []fileOutcome {
	outs := p.offloadClipFiles(ctx, r, pc)
	for _, o := range outs {
		// Said once the clip's fate is known, at the file's final path: a
		// file reported verified is recorded, under the name it got.
		pl := o.Planned
		if d := o.finalPath(); d != "" {
			pl.Dest = d
		}
		p.obs.Finished(pl, o.state, o.err)
	}
	return outs
}

// finalPath is where the library holds the file, "" when nowhere.
func (o fileOutcome) finalPath() string {
	if o.known.Path != "" {
		return o.known.Path
	}
	if len(o.res.Dests) > 0 && o.res.Dests[0].Err == nil {
		return o.res.Dests[0].Path
	}
	return ""
}

func (p *Pipeline) offloadClipFiles(ctx context.Context, r *offloadRun, pc PlannedClip) []fileOutcome {
	outs := make([]fileOutcome, len(pc.Files))
	for i, pl := range pc.Files {
		outs[i] = p.offloadFile(ctx, r, pl)
	}
	p.dropRepeats(ctx, r.runID, outs)
	crashpoint.Here("before-record") // every file of the clip verified, the clip not recorded
	recorded, err := p.record(ctx, r.runID, outs)
	if err != nil {
		for i := range outs {
			if outs[i].state == catalog.StateVerified {
				outs[i].state, outs[i].err = catalog.StateFailed, err
			}
		}
		return outs
	}
	if p.opts.Move && recorded && wholeClipSafe(outs) {
		p.moveSources(ctx, r, outs)
	}
	return outs
}

// wholeClipSafe reports whether every file of a clip is verified on every
// destination and in the catalog: only then may move mode delete any of
// its sources (a GoPro MP4 whose THM failed keeps its source).
func wholeClipSafe(outs []fileOutcome) bool {
	for _, o := range outs {
		if o.err != nil || (o.state != catalog.StateVerified && o.state != catalog.StateKnown) {
			return false
		}
	}
	return true
}

// moveSources deletes the sources of a clip recorded whole, once the
// catalog on disk lists it: the files copied now, and the files a run killed
// between recording and deleting left on the card (known by their source:
// read again and compared with the catalog first, so that only the bytes
// the library holds are deleted). A duplicate of content from another
// source path keeps its source.
func (p *Pipeline) moveSources(ctx context.Context, r *offloadRun, outs []fileOutcome) {
	if err := p.cat.Sync(ctx); err != nil {
		for i := range outs {
			outs[i].state, outs[i].err = catalog.StateFailed, fmt.Errorf("move mode: keep %s: %w", outs[i].Path, err)
		}
		return
	}
	crashpoint.Here("before-move-delete") // recorded and synced, no source deleted yet
	for i := range outs {
		o := &outs[i]
		if o.state == catalog.StateKnown {
			if o.known.SourcePath != o.Path {
				continue
			}
			if err := p.sameAsLibrary(ctx, r, o); err != nil {
				o.state, o.err = catalog.StateFailed, err
				continue
			}
		}
		crashpoint.Here("move-delete") // between two sources' deletions
		if err := removeSource(o.Planned); err != nil {
			o.state, o.err = catalog.StateFailed, err
		}
	}
}

// sameAsLibrary re-reads a known source before move mode deletes it.
func (p *Pipeline) sameAsLibrary(ctx context.Context, r *offloadRun, o *fileOutcome) error {
	release := r.slots.hold(o.Path, o.Size)
	sum, _, err := offload.HashFile(ctx, o.Path, o.known.HashAlgo)
	release()
	if err != nil {
		return fmt.Errorf("move mode: keep %s: %w", o.Path, err)
	}
	if sum != o.known.Hash {
		return fmt.Errorf("move mode: keep %s: it reads %s %s, its library copy %s is %s", o.Path, o.known.HashAlgo, sum, o.known.Path, o.known.Hash)
	}
	return nil
}

// backUpKnown copies a file the library holds already to the backups that
// lack it, each at its backup's mirror of the library path: a shuttle drive
// added for a card's second ingest gets the whole card, and SAFE means
// every destination for these files too. The source must still be what the
// library holds; copies of a source that no longer is are taken back.
func (p *Pipeline) backUpKnown(ctx context.Context, r *offloadRun, o *fileOutcome) {
	lib := offload.DestResult{Path: o.known.Path, AlreadyThere: true}
	dsts, err := p.destinations(o.known.Path)
	if err == nil {
		release := r.slots.hold(o.Path, o.Size)
		cp := offload.Copier{Algo: o.known.HashAlgo, SourceDone: release, Flusher: r.flusher}
		o.res, err = cp.Copy(ctx, o.Path, dsts[1:])
		release()
		o.res.Dests = append([]offload.DestResult{lib}, o.res.Dests...)
	}
	if err == nil && o.res.Hash != o.known.Hash {
		for _, d := range o.res.Dests[1:] {
			if d.Err == nil && !d.AlreadyThere {
				os.Remove(d.Path) // written just now from a source that changed
			}
		}
		o.res.Dests = []offload.DestResult{lib}
		err = fmt.Errorf("%s no longer matches its library copy %s (%s %s, library %s): not backed up; ingest the changed file under another name",
			o.Path, o.known.Path, o.known.HashAlgo, o.res.Hash, o.known.Hash)
	}
	if err != nil {
		o.state, o.err = catalog.StateFailed, p.fail(ctx, r.runID, o.Planned, fmt.Errorf("in the library already, but: %w", err))
	}
}

// dropRepeats makes a duplicate of each file of the clip whose library
// copy is the very file an earlier file of the clip was verified at: the
// same content from two places (one card copied to a travel drive and to a
// file server, dropped together) is one recording planned to one path,
// and the catalog lists a path once. Other content there got a clash name
// and stays a file of its own.
func (p *Pipeline) dropRepeats(ctx context.Context, runID int64, outs []fileOutcome) {
	first := map[string]bool{}
	for i := range outs {
		o := &outs[i]
		if o.state != catalog.StateVerified || len(o.res.Dests) == 0 {
			continue
		}
		lib := o.res.Dests[0]
		if !first[lib.Path] {
			first[lib.Path] = true
			continue
		}
		p.log.Info("duplicate of a library file: not copied again", "source", o.Path, "library", lib.Path)
		o.state, o.known = catalog.StateKnown, p.fileOf(*o)
		if err := p.cat.Journal(ctx, catalog.Entry{RunID: runID, Source: o.Path, Size: o.Size, Dest: lib.Path,
			State: catalog.StateKnown, Hash: o.res.Hash, Err: "duplicate of " + lib.Path}); err != nil {
			o.state, o.err = catalog.StateFailed, err // the clip is recorded without it; the next run finds it known
		}
	}
}

// record adds the clip (or, when its main file is already catalogued, the
// new files to that clip) once no library copy failed, and says whether the
// clip is in the catalog now.
func (p *Pipeline) record(ctx context.Context, runID int64, outs []fileOutcome) (bool, error) {
	var fresh []fileOutcome
	for _, o := range outs {
		switch {
		case o.known.Path != "":
			// in the catalog already (a backup of it may have failed)
		case o.state == catalog.StateFailed && (len(o.res.Dests) == 0 || o.res.Dests[0].Err != nil || o.res.Dests[0].Path == ""):
			return false, nil // a library copy is missing: record nothing yet
		default:
			fresh = append(fresh, o)
		}
	}
	if len(fresh) == 0 {
		return true, nil
	}
	files := make([]catalog.File, len(fresh))
	for i, o := range fresh {
		files[i] = p.fileOf(o)
	}
	if outs[0].known.ClipID != 0 {
		err := p.cat.AddFiles(ctx, runID, outs[0].known.ClipID, files)
		return err == nil, err
	}
	cl := p.clipOf(fresh[0])
	cl.Files = files
	for _, f := range files[1:] {
		cl.SizeBytes += f.SizeBytes
	}
	_, err := p.cat.AddClip(ctx, runID, cl)
	return err == nil, err
}

// offloadFile copies one file to the library and every backup, verified.
// It holds a slot of the source's device while it reads the source.
func (p *Pipeline) offloadFile(ctx context.Context, r *offloadRun, pl Planned) (o fileOutcome) {
	runID := r.runID
	o.Planned = pl
	known, ok, err := p.alreadyOffloaded(ctx, r, pl)
	if err != nil {
		o.state, o.err = catalog.StateFailed, p.fail(ctx, runID, pl, err)
		return o
	}
	if ok {
		o.state, o.known = catalog.StateKnown, known
		if len(p.opts.Backups) > 0 {
			p.backUpKnown(ctx, r, &o)
		}
		return o
	}
	dsts, err := p.destinations(pl.Dest)
	if err != nil {
		o.state, o.err = catalog.StateFailed, p.fail(ctx, runID, pl, err)
		return o
	}
	if err := p.cat.Journal(ctx, catalog.Entry{RunID: runID, Source: pl.Path, Size: pl.Size, Dest: pl.Dest, State: catalog.StateCopying}); err != nil {
		o.state, o.err = catalog.StateFailed, err
		return o
	}
	p.obs.Started(pl)
	release := r.slots.hold(pl.Path, pl.Size)
	cp := offload.Copier{Algo: p.opts.Hash, Progress: p.obs.Copied, SourceDone: release, Flusher: r.flusher}
	o.res, err = cp.Copy(ctx, pl.Path, dsts)
	release()
	lib := o.res.Dests
	if len(lib) == 0 || lib[0].Err != nil || lib[0].Path == "" {
		if err == nil && len(lib) > 0 {
			err = lib[0].Err
		}
		o.state, o.err = catalog.StateFailed, p.fail(ctx, runID, pl, err)
		return o
	}
	if p.opts.VerifySource {
		if serr := p.verifySource(ctx, pl, o.res.Hash, r.slots); serr != nil {
			o.state, o.err = catalog.StateFailed, p.fail(ctx, runID, pl, serr)
			o.res.Dests[0].Err = serr // never record a copy of bytes the card cannot repeat
			return o
		}
	}
	if lib[0].AlreadyThere {
		// Verified by an earlier run killed before it recorded it, or the
		// same content from another source path already catalogued there,
		// maybe under another hash algorithm: the copier just compared the
		// file there with the source.
		if f, ok, lerr := p.cat.FileAt(ctx, lib[0].Path); lerr == nil && ok {
			o.state, o.known = catalog.StateKnown, f
			if err != nil { // a backup failed
				o.state, o.err = catalog.StateFailed, p.fail(ctx, runID, pl, fmt.Errorf("in the library already, but: %w", err))
			}
			return o
		}
	}
	o.state = catalog.StateVerified
	if err != nil { // the library copy is verified; a backup failed
		o.state, o.err = catalog.StateFailed, fmt.Errorf("library copy verified, but: %w", err)
	}
	return o
}

// maxPrefixCandidates is how many library files of a source's size are
// compared by their first bytes before hashing the source; with more (a
// camera that spans recordings at a fixed size) the source is hashed.
const maxPrefixCandidates = 16

// alreadyOffloaded tells whether the library holds this file already: the
// same source file (path, size, mtime), or the same content from anywhere
// (the card ingested again from another reader, a shuttle drive's copy).
// Only a source with a library file of its size and, unless there are
// many such files, of its first bytes too, is hashed before the copy: a
// second full read of the card for it.
func (p *Pipeline) alreadyOffloaded(ctx context.Context, r *offloadRun, pl Planned) (catalog.File, bool, error) {
	if f, ok, err := p.cat.KnownSource(ctx, pl.Path, pl.Size, pl.Mtime); err != nil || ok {
		return f, ok, err
	}
	if pl.Size == 0 {
		return catalog.File{}, false, nil // every empty file is the same content: each is its own (a card's markers)
	}
	cands, err := p.cat.PathsOfSize(ctx, pl.Size, r.horizon, maxPrefixCandidates+1)
	if err != nil || len(cands) == 0 {
		return catalog.File{}, false, err
	}
	if len(cands) <= maxPrefixCandidates {
		if same, err := offload.SamePrefix(ctx, pl.Path, cands); err != nil || !same {
			return catalog.File{}, false, err
		}
	}
	release := r.slots.hold(pl.Path, pl.Size)
	sum, _, err := offload.HashFile(ctx, pl.Path, p.opts.Hash)
	release()
	if err != nil {
		return catalog.File{}, false, err
	}
	f, ok, err := p.cat.FileByHash(ctx, p.opts.Hash, sum, pl.Size, r.horizon)
	if err != nil || !ok {
		return f, false, err
	}
	p.log.Info("duplicate of a library file: not copied again", "source", pl.Path, "library", f.Path)
	return f, true, p.cat.AddSource(ctx, r.runID, f, catalog.Source{Path: pl.Path, Size: pl.Size, Mtime: pl.Mtime})
}

// verifySource re-reads the source after the copy (Hedge's "source" mode):
// a card that returns different bytes on a second read is failing.
func (p *Pipeline) verifySource(ctx context.Context, pl Planned, want string, slots *deviceSlots) error {
	release := slots.hold(pl.Path, pl.Size)
	sum, _, err := offload.HashFile(ctx, pl.Path, p.opts.Hash)
	release()
	if err != nil {
		return fmt.Errorf("verify source %s: %w", pl.Path, err)
	}
	if sum != want {
		return fmt.Errorf("verify source %s: read %s the second time, %s while copying: the card or reader is failing; copy it again from another reader",
			pl.Path, sum, want)
	}
	return nil
}

// removeSource deletes a source in move mode, only after every copy was
// verified and recorded, and only if the file did not change since it was read.
func removeSource(pl Planned) error {
	info, err := os.Stat(pl.Path)
	if err != nil {
		return fmt.Errorf("move mode: keep %s: %w", pl.Path, err)
	}
	if info.Size() != pl.Size || !info.ModTime().Equal(pl.Mtime) {
		return fmt.Errorf("move mode: keep %s: it changed while it was copied", pl.Path)
	}
	if err := os.Remove(pl.Path); err != nil {
		return fmt.Errorf("move mode: verified, but could not remove %s: %w", pl.Path, err)
	}
	return nil
}

// destinations are the library path followed by the same place under every backup root.
func (p *Pipeline) destinations(dest string) ([]string, error) {
	rel, err := filepath.Rel(p.opts.Library, dest)
	if err != nil {
		return nil, err
	}
	out := []string{dest}
	for _, b := range p.opts.Backups {
		d, err := organize.Within(b, filepath.ToSlash(rel))
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

func (p *Pipeline) fail(ctx context.Context, runID int64, pl Planned, err error) error {
	if err == nil {
		err = errors.New("copy failed")
	}
	jerr := p.cat.Journal(context.WithoutCancel(ctx), catalog.Entry{RunID: runID, Source: pl.Path, Size: pl.Size,
		Dest: pl.Dest, State: catalog.StateFailed, Err: err.Error()})
	return errors.Join(err, jerr)
}

// clipOf is the catalog record of a clip from its main file's outcome.
func (p *Pipeline) clipOf(o fileOutcome) catalog.Clip {
	f := o.Facts
	lib := o.res.Dests[0].Path
	c := catalog.Clip{
		Name: filepath.Base(lib), Kind: f.Kind, Date: o.Day, ShotAt: f.ShotAt, Scene: f.Scene,
		Take: f.Take, Camera: f.Camera, Reel: f.Reel, Project: f.Project, Rate: f.Rate,
		Duration: f.Duration.Seconds(), Codec: f.Codec, Width: f.Width, Height: f.Height,
		SampleRate: f.SampleRate, Channels: f.Channels, Circled: f.Circled, SizeBytes: o.res.Size,
		LibraryPath: lib, SourcePath: o.Path, HashAlgo: p.opts.Hash, Hash: o.res.Hash, Card: o.Card,
		Provenance: f.Provenance, Warnings: f.Warnings,
	}
	if f.TCStart != nil {
		c.TCStart = f.TCStart.String()
	}
	return c
}

func (p *Pipeline) fileOf(o fileOutcome) catalog.File {
	return catalog.File{Path: o.res.Dests[0].Path, Role: o.Role, SizeBytes: o.res.Size, HashAlgo: p.opts.Hash,
		Hash: o.res.Hash, SourcePath: o.Path, SourceMtime: o.Mtime}
}
