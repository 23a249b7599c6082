package pipeline

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/rushes/rushes/catalog"
	"github.com/rushes/rushes/offload"
	"github.com/rushes/rushes/organize"
)

// offloadOne copies one planned file to the library and every backup,
// verified, and records it. It returns the journal state it ended in.
func (p *Pipeline) offloadOne(ctx context.Context, runID int64, pl Planned) (string, int64, error) {
	if known, err := p.alreadyOffloaded(ctx, runID, pl); err != nil || known {
		if err != nil {
			return catalog.StateFailed, 0, p.fail(ctx, runID, pl, err)
		}
		return catalog.StateKnown, 0, nil
	}
	dsts, err := p.destinations(pl.Dest)
	if err != nil {
		return catalog.StateFailed, 0, p.fail(ctx, runID, pl, err)
	}
	entry := catalog.Entry{RunID: runID, Source: pl.Path, Size: pl.Size, Dest: pl.Dest, State: catalog.StateCopying}
	if err := p.cat.Journal(ctx, entry); err != nil {
		return catalog.StateFailed, 0, err
	}
	p.obs.Started(pl)
	cp := offload.Copier{Algo: p.opts.Hash, Progress: p.obs.Copied}
	res, err := cp.Copy(ctx, pl.Path, dsts)
	lib := res.Dests
	if len(lib) == 0 || lib[0].Err != nil || lib[0].Path == "" {
		if err == nil && len(lib) > 0 {
			err = lib[0].Err
		}
		return catalog.StateFailed, 0, p.fail(ctx, runID, pl, err)
	}
	if p.opts.VerifySource {
		if serr := p.verifySource(ctx, pl, res.Hash); serr != nil {
			return catalog.StateFailed, 0, p.fail(ctx, runID, pl, serr)
		}
	}
	if lib[0].AlreadyThere {
		// Verified in an earlier run that was killed before it was recorded,
		// or the same content from another source path.
		if f, ok, lerr := p.cat.FileByHash(ctx, p.opts.Hash, res.Hash, res.Size); lerr == nil && ok && f.Path == lib[0].Path {
			return catalog.StateKnown, 0, nil
		}
	}
	if _, aerr := p.cat.AddClip(ctx, runID, p.clipOf(pl, res)); aerr != nil {
		return catalog.StateFailed, 0, p.fail(ctx, runID, pl, aerr)
	}
	if err != nil { // the library copy is verified and recorded; a backup failed
		return catalog.StateFailed, res.Size, fmt.Errorf("library copy verified, but: %w", err)
	}
	if p.opts.Move {
		if merr := removeSource(pl); merr != nil {
			return catalog.StateFailed, res.Size, merr
		}
	}
	return catalog.StateVerified, res.Size, nil
}

// alreadyOffloaded tells whether the library holds this file already: the
// same source file (path, size, mtime), or, when a library file has the
// same size, the same content from anywhere (the card ingested again from
// another reader, a shuttle drive's copy). Only that second case reads
// the source first.
func (p *Pipeline) alreadyOffloaded(ctx context.Context, runID int64, pl Planned) (bool, error) {
	if _, ok, err := p.cat.KnownSource(ctx, pl.Path, pl.Size, pl.Mtime); err != nil || ok {
		return ok, err
	}
	if same, err := p.cat.HasSize(ctx, pl.Size); err != nil || !same {
		return false, err
	}
	sum, _, err := offload.HashFile(ctx, pl.Path, p.opts.Hash)
	if err != nil {
		return false, err
	}
	f, ok, err := p.cat.FileByHash(ctx, p.opts.Hash, sum, pl.Size)
	if err != nil || !ok {
		return false, err
	}
	p.log.Info("duplicate of a library file: not copied again", "source", pl.Path, "library", f.Path)
	return true, p.cat.Journal(ctx, catalog.Entry{RunID: runID, Source: pl.Path, Size: pl.Size, Dest: f.Path,
		State: catalog.StateKnown, Hash: sum, Err: "duplicate of " + f.Path})
}

// verifySource re-reads the source after the copy (Hedge's "source" mode):
// a card that returns different bytes on a second read is failing.
func (p *Pipeline) verifySource(ctx context.Context, pl Planned, want string) error {
	sum, _, err := offload.HashFile(ctx, pl.Path, p.opts.Hash)
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

func (p *Pipeline) clipOf(pl Planned, res offload.Result) catalog.Clip {
	lib := res.Dests[0]
	f := pl.Facts
	c := catalog.Clip{
		Name: filepath.Base(lib.Path), Kind: f.Kind, Date: pl.Day, ShotAt: f.ShotAt, Scene: f.Scene,
		Take: f.Take, Camera: f.Camera, Reel: f.Reel, Project: f.Project, Rate: f.Rate,
		Duration: f.Duration.Seconds(), Codec: f.Codec, Width: f.Width, Height: f.Height,
		SampleRate: f.SampleRate, Channels: f.Channels, Circled: f.Circled, SizeBytes: res.Size,
		LibraryPath: lib.Path, SourcePath: pl.Path, HashAlgo: p.opts.Hash, Hash: res.Hash,
		Provenance: f.Provenance, Warnings: f.Warnings,
		Files: []catalog.File{{Path: lib.Path, Role: pl.Role, SizeBytes: res.Size, HashAlgo: p.opts.Hash,
			Hash: res.Hash, SourcePath: pl.Path, SourceMtime: pl.Mtime}},
	}
	if f.TCStart != nil {
		c.TCStart = f.TCStart.String()
	}
	return c
}
