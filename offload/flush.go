package offload

import (
	"os"
	"sync"

	"github.com/rushes/rushes/batch"
)

// Flusher makes copies durable for many concurrent Copies at once. Every
// copy still gets its own fsync, and its folder is synced after its
// rename, but copies that ask at the same time are flushed together: their
// writeback is started for all of them first, so the file system commits
// its journal once for the batch rather than once per file (on ext4 every
// fsync that commits waits for all the data written so far, so small files
// synced one by one crawl beside a large copy), and a folder is synced once
// for all the renames made in it before the sync began. A nil Flusher
// syncs each file and folder on its own.
type Flusher struct {
	files *batch.Group[*os.File]
	mu    sync.Mutex
	dirs  map[string]*batch.Group[struct{}]
}

// NewFlusher returns a Flusher for the copies of one run.
func NewFlusher() *Flusher {
	return &Flusher{files: batch.New(syncFiles), dirs: map[string]*batch.Group[struct{}]{}}
}

// syncFile flushes f's data and metadata to the disk.
func (fl *Flusher) syncFile(f *os.File) error {
	if fl == nil {
		return f.Sync()
	}
	return fl.files.Do(f)
}

// syncDir flushes the entries of folder dir, made before it is called.
func (fl *Flusher) syncDir(dir string) error {
	if fl == nil {
		return syncDir(dir)
	}
	fl.mu.Lock()
	g := fl.dirs[dir]
	if g == nil {
		g = batch.New(func(reqs []struct{}) []error {
			err := syncDir(dir)
			errs := make([]error, len(reqs))
			for i := range errs {
				errs[i] = err
			}
			return errs
		})
		fl.dirs[dir] = g
	}
	fl.mu.Unlock()
	return g.Do(struct{}{})
}

// syncFiles starts the writeback of every file, then fsyncs each: the
// first fsync commits what all of them allocated, the others find most of
// their work done.
func syncFiles(fs []*os.File) []error {
	if len(fs) > 1 {
		for _, f := range fs {
			_ = startWriteback(f, 0, 0) // a hint: 0, 0 is the whole file; the fsync is the guarantee
		}
	}
	errs := make([]error, len(fs))
	for i, f := range fs {
		errs[i] = f.Sync()
	}
	return errs
}
