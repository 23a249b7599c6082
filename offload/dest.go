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
	fl    *Flusher  // nil: sync alone
	tmp   string    // partial file, "" once placed or removed
	f     *os.File  // open partial file while writing
	rb    *readBack // reads the partial file back while it is written
	known map[string]string
	done  bool // a verified copy is at res.Path

	n        int64 // bytes written
	handed   int64 // bytes before this were handed to the read-back
	noStream bool  // the file system cannot write back early: all is read back after the fsync
}

// writeBehindChunk is how many written bytes go to disk, and then are read
// back, at a time during a copy, ahead of the final fsync. A multiple of the
// largest page-cache folio, so that dropping a chunk's pages drops them all.
const writeBehindChunk = 32 << 20

// errWriteBehindUnsupported: the file system cannot start writeback early.
var errWriteBehindUnsupported = errors.New("write-behind not supported")

func newDest(final string, res *DestResult, fl *Flusher) *dest {
	res.Path = final
	return &dest{final: final, res: res, fl: fl, known: map[string]string{}}
}

func (d *dest) failed() bool { return d.res.Err != nil }

// fail records err, the first failure wins, and removes the partial file.
func (d *dest) fail(err error) {
	d.discard()
	if d.res.Err == nil {
		d.res.Err = err
	}
}

// discard stops the read-back, closes and removes the partial file, if any.
func (d *dest) discard() {
	if d.rb != nil {
		d.rb.stop()
		d.rb = nil
	}
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
// bytes, after checking the file system has room for it, and starts its
// read-back.
func (d *dest) create(ctx context.Context, size int64, algo string) error {
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
	if d.rb, err = startReadBack(ctx, d.tmp, size, algo); err != nil {
		d.discard()
		return d.explain(err, size)
	}
	return nil
}

// write appends p to the partial file, and hands each full chunk written
// to the read-back after starting its writeback. A failure, or one of the
// read-back, takes d out of the copy.
func (d *dest) write(p []byte, size int64) {
	n, err := d.f.Write(p)
	d.n += int64(n)
	for err == nil && !d.noStream && d.n-d.handed >= writeBehindChunk {
		err = d.handOff(d.handed + writeBehindChunk)
	}
	if err == nil {
		err = d.rb.failure()
	}
	if err != nil {
		d.discard() // first, so a full disk gets the room back before it is measured
		d.fail(d.explain(err, size))
	}
}

// explain names the destination in err, a failure to write it unless the
// read-back says which step failed.
func (d *dest) explain(err error, size int64) error {
	var se *stepError
	if errors.As(err, &se) {
		return destError(se.op, d.final, size, se.err)
	}
	return destError("write", d.final, size, err)
}

// handOff starts writing the bytes [d.handed, end) to disk and hands them
// to the read-back, which may make the pass wait for it.
func (d *dest) handOff(end int64) error {
	err := startWriteback(d.f, d.handed, end)
	if errors.Is(err, errWriteBehindUnsupported) {
		d.noStream = true
		return nil
	}
	if err != nil {
		return err
	}
	if err := d.rb.add(span{off: d.handed, end: end}); err != nil {
		return err
	}
	d.handed = end
	return nil
}

// flush gives the partial file the source's mtime, syncs it to disk and
// closes it; the read-back keeps its own handle.
func (d *dest) flush(mtime time.Time, size int64) error {
	f := d.f
	d.f = nil
	err := os.Chtimes(d.tmp, time.Time{}, mtime)
	if err == nil {
		err = d.fl.syncFile(f)
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

// verify reads back from the disk what is left of the flushed partial file
// and compares the whole read-back with the source's size and hash.
func (d *dest) verify(algo, sum string, size int64) error {
	got, n, err := d.rb.finish(span{off: d.handed, end: -1, synced: true})
	if err != nil {
		return d.explain(err, size)
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
	path, already, err := place(ctx, d.fl, d.tmp, d.final, size, sum, algo, d.known)
	d.res.Path, d.res.Renamed, d.res.AlreadyThere = path, path != d.final, already
	if err != nil {
		return destError("place", path, size, err)
	}
	d.tmp, d.done = "", true
	return nil
}
