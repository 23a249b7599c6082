package offload

import (
	"errors"
	"os"
	"sync"

	"github.com/rushes/rushes/batch"
)

// Flusher makes copies durable for many concurrent Copies at once. Every
// copy still gets its own fsync, and its folder is synced after its
// rename, but copies that ask at the same time are flushed together: all
// their data is written first and then all their fsyncs are issued at once,
// so the file system commits its journal once for the batch rather than
// once per file (on ext4 every fsync that commits waits for all the data
// written so far, so small files synced one by one crawl beside a large
// copy), and a folder is synced once for all the renames made in it before
// the sync began. A nil Flusher syncs each file and folder on its own.
type Flusher struct {
	files *batch.Group[*os.File]
	mu    sync.Mutex
	dirs  map[string]*batch.Group[struct{}]

	waitHook func(*os.File) error // test seam: a writeback error this machine cannot make
}

// NewFlusher returns a Flusher for the copies of one run.
func NewFlusher() *Flusher {
	fl := &Flusher{dirs: map[string]*batch.Group[struct{}]{}}
	fl.files = batch.New(fl.syncFiles)
	return fl
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

// syncFiles writes every file's data to the disk, waiting for all of it,
// and then fsyncs them all at once. Waiting first means every file's blocks
// are allocated before any journal commit, so one commit covers them all;
// fsyncs issued together join that commit rather than each waiting for
// a commit of its own behind the large copies' data.
//
// A write error is the file's error even when its fsync then succeeds: the
// kernel reports a failed writeback once per open file, and the wait may
// be that once.
func (fl *Flusher) syncFiles(fs []*os.File) []error {
	errs := make([]error, len(fs))
	if len(fs) == 1 {
		errs[0] = fs[0].Sync()
		return errs
	}
	for i, f := range fs {
		errs[i] = writeBehindOK(startWriteback(f, 0, 0)) // 0, 0: the whole file
	}
	for i, f := range fs {
		if errs[i] == nil {
			errs[i] = writeBehindOK(fl.wait(f))
		}
	}
	var wg sync.WaitGroup
	for i, f := range fs {
		wg.Go(func() {
			if err := f.Sync(); errs[i] == nil {
				errs[i] = err
			}
		})
	}
	wg.Wait()
	return errs
}

// writeBehindOK is err, or nil where the file system cannot write back
// early: the fsync then does it all.
func writeBehindOK(err error) error {
	if errors.Is(err, errWriteBehindUnsupported) {
		return nil
	}
	return err
}

func (fl *Flusher) wait(f *os.File) error {
	if fl.waitHook != nil {
		return fl.waitHook(f)
	}
	return waitWriteback(f, 0, 0)
}
