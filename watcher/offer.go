package watcher

import (
	"context"
	"os"
	"sort"
)

// prepare verifies the ready drops and offers the complete ones: each settled file is looked
// at once more, and checked for writers in one pass over the open files of the system. A file
// that changed, or that a process holds open for writing, goes back to settling and holds its
// drop back.
func (t *tracker) prepare(ctx context.Context) {
	batch := t.ready
	t.ready = nil
	var check []*fileState
	for _, d := range batch {
		d.ready = false
		if !t.eligible(d) {
			continue
		}
		for _, f := range d.files {
			if f.stage == stageSettled {
				check = append(check, f)
			}
		}
	}
	unchanged := check[:0]
	for _, f := range check {
		if f.gone || f.stage != stageSettled {
			continue
		}
		fi, err := os.Lstat(f.path)
		switch {
		case os.IsNotExist(err) || err == nil && !fi.Mode().IsRegular():
			t.removeFile(f)
		case err != nil:
			t.w.problem("stat settled file", err, "path", f.path)
			f.changed = t.now()
			t.setStage(f, stagePending)
		case fi.Size() != f.size || fi.ModTime().UnixNano() != f.mtime:
			f.size, f.mtime, f.changed = fi.Size(), fi.ModTime().UnixNano(), t.now()
			t.setStage(f, stagePending)
		default:
			unchanged = append(unchanged, f)
		}
	}
	writers := t.writers(ctx, unchanged)
	for _, f := range unchanged {
		if f.gone || f.stage != stageSettled {
			continue
		}
		t.setOpen(f, writers[f.path])
		if f.open {
			t.setStage(f, stagePending)
		}
	}
	for _, d := range batch {
		if t.eligible(d) {
			t.offer(d)
		}
	}
}

// eligible says whether d can be offered: every file known in it is settled or delivered.
func (t *tracker) eligible(d *dropState) bool {
	return !d.removed && !d.prepared && !t.holding(d) && d.n[stagePending] == 0 && d.n[stageSettled] > 0
}

// writers returns which of files some process holds open for writing.
func (t *tracker) writers(ctx context.Context, files []*fileState) map[string]bool {
	if len(files) == 0 || !canCheckOpen {
		return nil
	}
	byReal := make(map[string]*fileState, len(files))
	for _, f := range files {
		r := f.drop.root.r
		byReal[r.real+f.path[len(r.Path):]] = f
	}
	open, err := openForWriting(ctx, byReal)
	if err != nil {
		t.w.problem("look for writers in /proc", err)
		return nil
	}
	out := make(map[string]bool, len(open))
	for real := range open {
		out[byReal[real].path] = true
	}
	return out
}

// offer puts d's settled files in a drop on the outgoing queue.
func (t *tracker) offer(d *dropState) {
	files := make([]*fileState, 0, d.n[stageSettled])
	for _, f := range d.files {
		if f.stage == stageSettled {
			files = append(files, f)
		}
	}
	sort.Slice(files, func(i, j int) bool { return files[i].path < files[j].path })
	drop := Drop{Root: d.root.r.Path, Path: d.path, Files: make([]File, len(files)), Earlier: d.n[stageDone]}
	for i, f := range files {
		drop.Files[i] = f.file()
		t.count(f, -1)
		f.stage = stagePrepared
		t.count(f, +1)
	}
	for _, f := range d.files {
		if f.stage == stageDone {
			drop.Done = append(drop.Done, f.file())
		}
	}
	sort.Slice(drop.Done, func(i, j int) bool { return drop.Done[i].Path < drop.Done[j].Path })
	d.prepared = true
	t.outq = append(t.outq, offer{d: d, files: files, drop: drop})
}

// offered records that the consumer took the first offer.
func (t *tracker) offered() {
	o := t.outq[0]
	t.outq[0] = offer{}
	t.outq = t.outq[1:]
	o.d.prepared = false
	for _, f := range o.files {
		if !f.gone && f.stage == stagePrepared {
			t.setStage(f, stageDone)
		}
	}
}

// unprepare withdraws d's offer; its files are settled again.
func (t *tracker) unprepare(d *dropState) {
	for i, o := range t.outq {
		if o.d != d {
			continue
		}
		t.outq = append(t.outq[:i:i], t.outq[i+1:]...)
		for _, f := range o.files {
			if f.stage == stagePrepared {
				t.count(f, -1)
				f.stage = stageSettled
				t.count(f, +1)
			}
		}
		break
	}
	d.prepared = false
}
