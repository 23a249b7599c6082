package offload

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// dest is one destination of a copy while it is worked on. Its result lives
// in res; a dest whose res.Err is set is out of the copy.
type dest struct {
	final string
	res   *DestResult
	tmp   string   // partial file, "" once placed or removed
	f     *os.File // open partial file while writing
	known map[string]string
	done  bool // a verified copy is at res.Path

	n      int64 // bytes written
	wbDone int64 // writeBehind: bytes before this are on disk and uncached
	wbFrom int64 // writeBehind: bytes before this are being written
	wbOff  bool  // the file system cannot writeBehind
}

// writeBehindChunk is how many written bytes go to disk at a time during a
// copy, ahead of the final fsync.
const writeBehindChunk = 32 << 20

// errWriteBehindUnsupported: the file system cannot start writeback early.
var errWriteBehindUnsupported = errors.New("write-behind not supported")

func newDest(final string, res *DestResult) *dest {
	res.Path = final
	return &dest{final: final, res: res, known: map[string]string{}}
}

func (d *dest) failed() bool { return d.res.Err != nil }

// fail records err, the first failure wins, and removes the partial file.
func (d *dest) fail(err error) {
	d.discard()
	if d.res.Err == nil {
		d.res.Err = err
	}
}

// discard closes and removes the partial file, if any.
func (d *dest) discard() {
	if d.f != nil {
		d.f.Close()
		d.f = nil
	}
	if d.tmp != "" {
		os.Remove(d.tmp)
		d.tmp = ""
	}
}

// create makes the folder and an empty partial file for a copy of size
// bytes, after checking the file system has room for it.
func (d *dest) create(size int64) error {
	dir := filepath.Dir(d.final)
	if err := mkdirAllSync(dir); err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			dir = pe.Path
		}
		return fmt.Errorf("copy to %s: %w", d.final, destError("create folder", dir, size, err))
	}
	if free, ok := freeBytes(dir); ok && free < size {
		return noSpace(dir, size)
	}
	f, err := createPartial(d.final)
	if err != nil {
		return destError("create", d.final, size, err)
	}
	d.f, d.tmp = f, f.Name()
	return nil
}

// write appends p to the partial file; a failure takes d out of the copy.
func (d *dest) write(p []byte, size int64) {
	n, err := d.f.Write(p)
	d.n += int64(n)
	if err == nil && !d.wbOff && d.n-d.wbFrom >= writeBehindChunk {
		err = writeBehind(d.f, d.wbDone, d.wbFrom, d.n)
		d.wbDone, d.wbFrom = d.wbFrom, d.n
		if errors.Is(err, errWriteBehindUnsupported) {
			d.wbOff, err = true, nil
		}
	}
	if err != nil {
		d.discard() // first, so a full disk gets the room back before it is measured
		d.fail(destError("write", d.final, size, err))
	}
}

// flush gives the partial file the source's mtime, syncs it to disk, drops
// its cached pages and closes it.
func (d *dest) flush(mtime time.Time, size int64) error {
	f := d.f
	d.f = nil
	err := os.Chtimes(d.tmp, time.Time{}, mtime)
	if err == nil {
		err = f.Sync()
	}
	if err == nil {
		err = dropCache(f)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		d.discard()
		return destError("flush", d.final, size, err)
	}
	return nil
}

// verify reads the partial file back from the disk and compares it with
// the source's size and hash.
func (d *dest) verify(ctx context.Context, algo, sum string, size int64) error {
	got, n, err := HashFile(ctx, d.tmp, algo)
	if err != nil {
		return destError("read back", d.final, size, err)
	}
	if n != size || got != sum {
		return fmt.Errorf("%w: copy to %s reads back as %d bytes with %s %s, source has %d bytes with %s",
			ErrVerify, d.final, n, algo, got, size, sum)
	}
	return nil
}

// place puts the verified partial file at its final path or the next free
// clash name, or finds the same content already there.
func (d *dest) place(ctx context.Context, algo, sum string, size int64) error {
	path, already, err := place(ctx, d.tmp, d.final, size, sum, algo, d.known)
	d.res.Path, d.res.Renamed, d.res.AlreadyThere = path, path != d.final, already
	if err != nil {
		return destError("place", path, size, err)
	}
	d.tmp, d.done = "", true
	return nil
}
