package offload

import (
	"errors"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
)

// Files flushed at the same time each get their own fsync and their own
// error; a nil Flusher syncs alone.
func TestFlusherSyncsEachFile(t *testing.T) {
	dir := t.TempDir()
	const n = 20
	files := make([]*os.File, n)
	for i := range files {
		f, err := os.Create(filepath.Join(dir, string(rune('a'+i))))
		check(t, err)
		_, err = f.Write(randomBytes(64<<10, int64(i)))
		check(t, err)
		files[i] = f
	}
	files[7].Close() // its fsync fails, the others' must not
	for _, fl := range []*Flusher{NewFlusher(), nil} {
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i, f := range files {
			wg.Go(func() { errs[i] = fl.syncFile(f) })
		}
		wg.Wait()
		for i, err := range errs {
			if (err != nil) != (i == 7) {
				t.Errorf("flusher %v, file %d: err %v", fl != nil, i, err)
			}
		}
		errs = make([]error, n)
		for i := range n {
			d := dir
			if i == 3 {
				d = filepath.Join(dir, "gone")
			}
			wg.Go(func() { errs[i] = fl.syncDir(d) })
		}
		wg.Wait()
		for i, err := range errs {
			if (err != nil) != (i == 3) {
				t.Errorf("flusher %v, folder sync %d: err %v", fl != nil, i, err)
			}
		}
	}
	for i, f := range files {
		if i != 7 {
			f.Close()
		}
	}
}

// A write error found while waiting for a batch's writeback is that file's
// error, though its fsync then succeeds: the kernel reports it only once.
func TestFlusherKeepsWritebackErrors(t *testing.T) {
	dir := t.TempDir()
	files := make([]*os.File, 4)
	for i := range files {
		f, err := os.Create(filepath.Join(dir, string(rune('a'+i))))
		check(t, err)
		defer f.Close()
		_, err = f.Write(randomBytes(64<<10, int64(i)))
		check(t, err)
		files[i] = f
	}
	fl := NewFlusher()
	fl.waitHook = func(f *os.File) error {
		if f == files[2] {
			return syscall.EIO
		}
		return waitWriteback(f, 0, 0)
	}
	errs := fl.syncFiles(files)
	for i, err := range errs {
		if (i == 2) != errors.Is(err, syscall.EIO) || (i != 2 && err != nil) {
			t.Errorf("file %d: err %v", i, err)
		}
	}
}
