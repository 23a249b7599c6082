package offload

import (
	"context"
	"encoding/hex"
	"fmt"
	"github.com/rushes/rushes/checksum"
	"hash"
	"os"
	"sync/atomic"
	"unsafe"
)

// readBackDepth is how many written ranges may wait for their read-back
// before the pass waits for it: about (readBackDepth+2)*writeBehindChunk of
// a destination is at most written but not yet verified.
const readBackDepth = 2

// readBackBufSize is the most a read-back reads at once: like
// DefaultBufSize, small enough that what is read is hashed from the cache.
const readBackBufSize = 1 << 20

// directAlign is the alignment of direct reads: buffer address, offset and
// length. Ranges start at multiples of writeBehindChunk.
const directAlign = 4096

// dropTries is how many times a range's pages are asked out of the cache
// before the range is read with direct I/O instead.
const dropTries = 3

// span is a range [off, end) of a partial file to read back; end < 0 means
// up to the end of the file. synced: the final fsync already wrote it.
type span struct {
	off, end int64
	synced   bool
}

// readBack verifies a destination while the copy goes on. The pass hands it
// each range of the partial file as soon as the range is written; on its own
// goroutine it waits until the range is on the disk, drops the range's pages
// from the cache and reads it back from the device, hashing what the device
// returns. Ranges come in order and without gaps, so the hash is the whole
// copy's. The last range follows the final fsync and reads up to the end of
// the file, so a copy longer than the source fails too.
//
// Dropping pages (posix_fadvise) is only a request: the kernel was seen to
// keep a whole range cached now and then while the file was written and
// synced. So the read-back checks that no page of the range is left in the
// cache, asks again, and reads a range that stays cached with direct I/O,
// which bypasses the cache. Only where neither works (no page-cache report,
// no direct I/O: not Linux, some FUSE) does it trust the request.
//
// Only the goroutine that owns the dest calls its methods.
type readBack struct {
	f    *os.File // the partial file, opened for reading through the cache
	dio  *os.File // the same, opened for direct reads when first needed
	path string
	h    hash.Hash
	buf  []byte // aligned for direct reads

	todo   chan span
	done   chan struct{} // closed when run has returned
	closed bool          // todo is closed
	n      int64         // bytes read back, run's until done is closed
	err    error         // set by run before failed
	failed atomic.Bool
}

// startReadBack opens the partial file tmp for reading and starts reading
// back what the pass hands over.
func startReadBack(ctx context.Context, tmp string, size int64, algo string) (*readBack, error) {
	h, err := checksum.New(algo)
	if err != nil {
		return nil, err
	}
	f, err := openRead(tmp)
	if err != nil {
		return nil, &stepError{"open for read-back", err}
	}
	rb := &readBack{
		f: f, path: tmp, h: h,
		buf:  getBlock(int(min(size+1, readBackBufSize))),
		todo: make(chan span, readBackDepth),
		done: make(chan struct{}),
	}
	go rb.run(ctx)
	return rb, nil
}

// alignedBuf is n bytes, n rounded up to directAlign, at an aligned address.
func alignedBuf(n int) []byte {
	n = (n + directAlign - 1) &^ (directAlign - 1)
	b := make([]byte, n+directAlign)
	skip := int(-uintptr(unsafe.Pointer(&b[0])) & (directAlign - 1))
	return b[skip : skip+n : skip+n]
}

// add hands over the next written range, waiting while readBackDepth ranges
// are waiting already. It returns the read-back's failure, if any.
func (rb *readBack) add(s span) error {
	if err := rb.failure(); err != nil {
		return err
	}
	rb.todo <- s
	return nil
}

// failure is the error that stopped the read-back, or nil.
func (rb *readBack) failure() error {
	if rb.failed.Load() {
		return rb.err
	}
	return nil
}

// finish reads back the last range, s, and returns the hash (hex) and the
// number of the bytes read back.
func (rb *readBack) finish(s span) (string, int64, error) {
	rb.todo <- s
	rb.stop()
	if err := rb.failure(); err != nil {
		return "", rb.n, err
	}
	return hex.EncodeToString(rb.h.Sum(nil)), rb.n, nil
}

// stop ends the read-back, waits for it and closes the file. It may be
// called more than once.
func (rb *readBack) stop() {
	if !rb.closed {
		close(rb.todo)
		rb.closed = true
	}
	<-rb.done
	if rb.buf != nil {
		putBlock(rb.buf)
		rb.buf = nil
	}
	for _, f := range []**os.File{&rb.f, &rb.dio} {
		if *f != nil {
			(*f).Close()
			*f = nil
		}
	}
}

func (rb *readBack) run(ctx context.Context) {
	defer close(rb.done)
	for s := range rb.todo {
		if rb.failed.Load() {
			continue // drain, so the pass never waits on a failed read-back
		}
		if err := rb.check(ctx, s); err != nil {
			rb.err = err
			rb.failed.Store(true)
		}
	}
}

// check reads back one range from the disk into the hash. A file that ends
// early stops the reading: the byte count then tells the verification.
func (rb *readBack) check(ctx context.Context, s span) error {
	if !s.synced {
		if err := waitWriteback(rb.f, s.off, s.end); err != nil {
			return &stepError{"write", err}
		}
	}
	r, err := rb.uncached(s)
	if err != nil {
		return err
	}
	n, err := hashRange(ctx, rb.h, r, rb.buf, s.off, s.end)
	rb.n += n
	if err != nil {
		return &stepError{"read back", err}
	}
	return nil
}

// uncached returns the file to read the range s from so that the reads come
// from the disk: rb.f once none of the range's pages is cached any more,
// else rb.dio.
func (rb *readBack) uncached(s span) (*os.File, error) {
	dropped, err := dropVerified(rb.f, s.off, s.end)
	if err != nil {
		return nil, &stepError{"read back", fmt.Errorf("drop cache: %w", err)}
	}
	if dropped {
		return rb.f, nil
	}
	if rb.dio == nil {
		f, direct, err := openDirect(rb.path)
		if err != nil {
			return nil, &stepError{"read back", err}
		}
		if !direct {
			f.Close()
			return rb.f, nil // nothing more the OS allows
		}
		rb.dio = f
	}
	return rb.dio, nil
}

// dropVerified asks the kernel to drop f's cached pages of [off, end) (end
// < 0: to the end of the file), up to dropTries times, and reports whether
// none is left. It is false too where the cache cannot tell.
func dropVerified(f *os.File, off, end int64) (bool, error) {
	for range dropTries {
		if err := dropRange(f, off, end); err != nil {
			return false, err
		}
		n, err := cachedPages(f, off, end)
		if err != nil {
			return false, nil
		}
		if n == 0 {
			return true, nil
		}
	}
	return false, nil
}

// stepError is a failure of the read-back, or of the writeback it waits for,
// not yet explained by destError: the dest explains it once the partial file
// is removed, so that a full disk is measured with the room given back.
type stepError struct {
	op  string // "write", "read back"...
	err error
}

func (e *stepError) Error() string { return e.op + ": " + e.err.Error() }
func (e *stepError) Unwrap() error { return e.err }
