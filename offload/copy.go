package offload

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"github.com/rushes/rushes/checksum"
	"io"
	"sync"
)

// DefaultBufSize is the block size a Copier reads and writes by default.
// About a core's L2 cache, so that a block read from the source is still
// in the cache when it is hashed and written: with 4 MiB blocks every byte
// came from memory three times, and the copy took twice the CPU.
const DefaultBufSize = 1 << 20

// Copier copies files to one or more destinations with verification. Its
// zero value hashes with DefaultAlgo in DefaultBufSize blocks. A Copier may
// be used by several goroutines at once.
type Copier struct {
	Algo     string        // one of checksum.Algorithms(); "" means DefaultAlgo
	BufSize  int           // bytes per read and write; 0 means DefaultBufSize
	Progress func(n int64) // if set, called with each block's byte count as the source is read
	// SourceDone, if set, is called once per Copy when the source has been
	// read for the last time, before the copies are flushed and read back:
	// the source device may serve the next file while this one is verified.
	SourceDone func()
	// Flusher, if set, flushes the copies together with those of other
	// Copies running at the same time (see Flusher).
	Flusher *Flusher

	readHook   func(off int64) error // test seam: fail the source read at off
	afterFlush func(tmp string)      // test seam: runs between the final fsync and the read-back of the last chunk
}

// Result is the outcome of one Copy.
type Result struct {
	Source string
	Size   int64
	Hash   string // the source's hash, hex; "" if the source was not read through
	Dests  []DestResult
}

// DestResult is the outcome of one destination of a Copy.
type DestResult struct {
	Path         string // where the verified file is (the requested path, or its clash name)
	Renamed      bool   // the requested path held other content, so Path is "stem_N.ext"
	AlreadyThere bool   // the same content was already at Path: nothing was written
	Err          error  // nil if a verified copy is at Path
}

func (c *Copier) algo() string {
	if c.Algo == "" {
		return DefaultAlgo
	}
	return c.Algo
}

// Copy copies the file src to every path in dsts (each a final file path,
// the library first then backups) in one pass over src: each block read is
// hashed and written to every destination. Each copy is written to a partial
// file beside its final path, flushed, read back from the disk and compared
// with the source hash, and only then renamed to its final path, never
// replacing a file: a clash with other content gets "stem_2.ext", the same
// content already there is reported as AlreadyThere without writing.
//
// A source failure (ErrSourceGone, ErrSourceChanged, a read error or ctx
// ending) fails every destination. A destination failure (ErrNoSpace,
// ErrVerify, permissions...) is recorded in its DestResult while the others
// go on; the error then names each failed destination. Failed destinations
// keep no partial file.
func (c *Copier) Copy(ctx context.Context, src string, dsts []string) (Result, error) {
	res := Result{Source: src, Dests: make([]DestResult, len(dsts))}
	sourceDone := c.sourceDoneOnce()
	defer sourceDone()
	algo := c.algo()
	if !checksum.Known(algo) {
		return res, failAll(res.Dests, fmt.Errorf("copy %s: unknown hash %q (allowed: %v)", src, algo, checksum.Algorithms()))
	}
	if err := ctx.Err(); err != nil {
		return res, failAll(res.Dests, fmt.Errorf("copy %s: %w", src, err))
	}
	s, err := openSource(src)
	if err != nil {
		return res, failAll(res.Dests, err)
	}
	defer s.f.Close()
	res.Size = s.size()
	ds := make([]*dest, len(dsts))
	for i, p := range dsts {
		ds[i] = newDest(p, &res.Dests[i], c.Flusher)
	}
	defer func() {
		for _, d := range ds {
			d.discard()
		}
	}()
	sum, err := c.copyOnce(ctx, s, algo, ds, sourceDone)
	if err != nil && !errors.Is(err, errNoDest) {
		return res, failAll(res.Dests, err)
	}
	res.Hash = sum
	for _, d := range ds { // a guard: no result claims a copy that was not made
		if !d.done && !d.failed() {
			d.fail(fmt.Errorf("copy %s to %s: not done (internal error)", src, d.final))
		}
	}
	return res, overall(src, res.Dests)
}

// copyOnce runs the pass over the source and finishes the copies, returning
// the source hash. Destinations that may already hold the file are not
// written in the pass; only if none of their files turns out to match is the
// source read a second time for them.
func (c *Copier) copyOnce(ctx context.Context, s *source, algo string, ds []*dest, sourceDone func()) (string, error) {
	write := c.prepare(ctx, s, algo, ds)
	if len(ds) > 0 && allFailed(ds) {
		return "", errNoDest
	}
	// Stop early when every written dest fails, unless others wait for the hash.
	stop := len(write) > 0 && len(write) == countAlive(ds)
	sum, err := c.hashAndWrite(ctx, s, algo, write, c.Progress, stop)
	if err != nil {
		return sum, err
	}
	again, err := c.copyAgain(ctx, s, algo, sum, resolveExisting(ctx, s, algo, sum, ds))
	if err != nil {
		return sum, err
	}
	sourceDone()
	c.finish(ctx, s, algo, sum, append(write, again...))
	return sum, nil
}

// sourceDoneOnce returns a func calling SourceDone, if set, the first time.
func (c *Copier) sourceDoneOnce() func() {
	if c.SourceDone == nil {
		return func() {}
	}
	return sync.OnceFunc(c.SourceDone)
}

// copyAgain reads the source a second time to write the destinations whose
// existing files did not match it after all, and returns those still alive.
func (c *Copier) copyAgain(ctx context.Context, s *source, algo, sum string, ds []*dest) ([]*dest, error) {
	var alive []*dest
	for _, d := range ds {
		if err := d.create(ctx, s.size(), algo); err != nil {
			d.fail(err)
			continue
		}
		alive = append(alive, d)
	}
	if len(alive) == 0 {
		return nil, nil
	}
	if _, err := s.f.Seek(0, io.SeekStart); err != nil {
		return nil, fmt.Errorf("seek %s: %w", s.path, unwrapPath(err))
	}
	sum2, err := c.hashAndWrite(ctx, s, algo, alive, nil, true)
	switch {
	case errors.Is(err, errNoDest):
		return nil, nil
	case err != nil:
		return nil, err
	case sum2 != sum:
		return nil, fmt.Errorf("%w: %s hashed %s, then %s", ErrSourceChanged, s.path, sum, sum2)
	}
	return alive, nil
}

// prepare sorts the destinations: those whose path (or clash names) holds
// a file of the source's size get those files hashed and are not written
// yet; the others get a partial file to be written. It returns the latter.
func (c *Copier) prepare(ctx context.Context, s *source, algo string, ds []*dest) []*dest {
	var write []*dest
	for _, d := range ds {
		some, err := hashCandidates(ctx, d.final, s.size(), algo, d.known)
		switch {
		case err != nil:
			d.fail(destError("check existing", d.final, s.size(), err))
		case some:
			continue
		default:
			if err := d.create(ctx, s.size(), algo); err != nil {
				d.fail(err)
				continue
			}
			write = append(write, d)
		}
	}
	return write
}

// hashAndWrite is one pass over the source from its start into ds.
func (c *Copier) hashAndWrite(ctx context.Context, s *source, algo string, ds []*dest, progress func(int64), stop bool) (string, error) {
	h, err := checksum.New(algo)
	if err != nil {
		return "", err
	}
	if err := c.pass(ctx, s, h, ds, progress, stop); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// resolveExisting marks AlreadyThere the destinations not written in the
// pass whose existing files match the source, and returns the others.
func resolveExisting(ctx context.Context, s *source, algo, sum string, ds []*dest) []*dest {
	var again []*dest
	for _, d := range ds {
		if d.failed() || d.tmp != "" || len(d.known) == 0 {
			continue
		}
		path, same, err := findSame(ctx, d.final, s.size(), sum, algo, d.known)
		switch {
		case err != nil:
			d.fail(destError("check existing", path, s.size(), err))
		case same:
			d.res.Path, d.res.Renamed, d.res.AlreadyThere = path, path != d.final, true
			d.done = true
		default:
			again = append(again, d)
		}
	}
	return again
}

// finish flushes, verifies and places each written destination, each on
// its own goroutine since destinations are usually different disks.
func (c *Copier) finish(ctx context.Context, s *source, algo, sum string, ds []*dest) {
	var wg sync.WaitGroup
	for _, d := range ds {
		if d.failed() {
			continue
		}
		wg.Go(func() {
			if err := c.finishOne(ctx, s, algo, sum, d); err != nil {
				d.fail(err)
			}
		})
	}
	wg.Wait()
}

func (c *Copier) finishOne(ctx context.Context, s *source, algo, sum string, d *dest) error {
	if err := d.flush(s.fi.ModTime(), s.size()); err != nil {
		return err
	}
	if c.afterFlush != nil {
		c.afterFlush(d.tmp)
	}
	if err := d.verify(algo, sum, s.size()); err != nil {
		return err
	}
	return d.place(ctx, algo, sum, s.size())
}

func countAlive(ds []*dest) int {
	n := 0
	for _, d := range ds {
		if !d.failed() {
			n++
		}
	}
	return n
}

// failAll records err on every destination not failed yet, and returns it.
func failAll(rs []DestResult, err error) error {
	for i := range rs {
		if rs[i].Err == nil {
			rs[i].Err = err
		}
	}
	return err
}

// overall is Copy's error: nil, or one naming each failed destination.
func overall(src string, rs []DestResult) error {
	var errs []error
	for _, r := range rs {
		if r.Err != nil {
			errs = append(errs, r.Err)
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return &destErrors{src: src, total: len(rs), errs: errs}
}
