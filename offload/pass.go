package offload

import (
	"context"
	"errors"
	"fmt"
	"hash"
	"io"
)

// readDepth is how many blocks the source may be read ahead of the writes.
const readDepth = 3

// errNoDest ends a pass whose destinations all failed: their errors say why.
var errNoDest = errors.New("every destination failed")

// block is one read of the source; err is io.EOF on the last one.
type block struct {
	buf  []byte // whole buffer, to hand back
	data []byte
	err  error
}

// readAhead reads a source in blocks on its own goroutine, so the disk keeps
// reading while earlier blocks are hashed and written.
type readAhead struct {
	blocks chan block
	free   chan []byte
	done   chan struct{}
	bufs   [][]byte // every buffer run made, run's until done is closed
}

// startReadAhead starts reading r. hook, a test seam, may fail the read at a
// byte offset. Cancel ctx and wait for done to stop it early.
func startReadAhead(ctx context.Context, r io.Reader, bufSize int, hook func(off int64) error) *readAhead {
	ra := &readAhead{
		blocks: make(chan block, readDepth),
		free:   make(chan []byte, readDepth),
		done:   make(chan struct{}),
	}
	go ra.run(ctx, r, bufSize, hook)
	return ra
}

// run reads into up to readDepth buffers, each made only when no used one
// is free yet: a file read in one block (most sidecars and thumbnails)
// costs one buffer, so many small copies may run at once.
func (ra *readAhead) run(ctx context.Context, r io.Reader, bufSize int, hook func(off int64) error) {
	defer close(ra.done)
	defer close(ra.blocks)
	var off int64
	made := 0
	for {
		var buf []byte
		select {
		case buf = <-ra.free:
		default:
		}
		if buf == nil && made < readDepth {
			buf, made = getBlock(bufSize)[:bufSize], made+1
			ra.bufs = append(ra.bufs, buf)
		}
		if buf == nil {
			select {
			case buf = <-ra.free:
			case <-ctx.Done():
				return
			}
		}
		var n int
		var err error
		if hook != nil {
			err = hook(off)
		}
		if err == nil {
			n, err = io.ReadFull(r, buf)
		}
		if errors.Is(err, io.ErrUnexpectedEOF) {
			err = io.EOF
		}
		off += int64(n)
		select {
		case ra.blocks <- block{buf: buf, data: buf[:n], err: err}:
		case <-ctx.Done():
			return
		}
		if err != nil {
			return
		}
	}
}

// pass reads the source once from its current offset (its start), feeding
// h and every live dest in ds, and reporting progress. It stops at the first
// source error, when ctx is done, or, if stop, when every dest in ds failed.
func (c *Copier) pass(ctx context.Context, s *source, h hash.Hash, ds []*dest, progress func(int64), stop bool) error {
	rctx, cancel := context.WithCancel(ctx)
	ra := startReadAhead(rctx, s.f, c.bufLen(s.size()), c.readHook)
	defer func() {
		cancel()
		<-ra.done
		for _, b := range ra.bufs { // every write and hash of them has returned
			putBlock(b)
		}
	}()
	var off int64
	for b := range ra.blocks {
		h.Write(b.data)
		for _, d := range ds {
			if !d.failed() {
				d.write(b.data, s.size())
			}
		}
		off += int64(len(b.data))
		ra.free <- b.buf
		if progress != nil && len(b.data) > 0 {
			progress(int64(len(b.data)))
		}
		switch {
		case errors.Is(b.err, io.EOF):
			return s.checkUnchanged(off)
		case b.err != nil:
			return s.readError(off, b.err)
		case off > s.size():
			return fmt.Errorf("%w: %s grew past %d bytes while read", ErrSourceChanged, s.path, s.size())
		case ctx.Err() != nil:
			return fmt.Errorf("copy %s: %w", s.path, ctx.Err())
		case stop && len(ds) > 0 && allFailed(ds):
			return errNoDest
		}
	}
	return fmt.Errorf("copy %s: %w", s.path, context.Cause(ctx))
}

func allFailed(ds []*dest) bool {
	for _, d := range ds {
		if !d.failed() {
			return false
		}
	}
	return true
}

// bufLen is the read size for a source of size bytes: BufSize, or just
// over the size for small files (one read then sees the end).
func (c *Copier) bufLen(size int64) int {
	n := c.BufSize
	if n <= 0 {
		n = DefaultBufSize
	}
	if size+1 < int64(n) {
		n = max(int(size)+1, 4096)
	}
	return n
}
