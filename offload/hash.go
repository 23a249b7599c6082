package offload

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"github.com/rushes/rushes/checksum"
	"hash"
	"io"
	"os"
)

// DefaultAlgo is the hash used when none is configured. The algorithms,
// and the hex they print, belong to the checksum package.
const DefaultAlgo = checksum.Default

// HashFile hashes the file at path with algo, reading it from the disk: its
// cached pages are dropped first, and if some stay cached it reads with
// direct I/O, where the OS allows either. It returns the hex sum and the
// number of bytes read.
func HashFile(ctx context.Context, path, algo string) (string, int64, error) {
	h, err := checksum.New(algo)
	if err != nil {
		return "", 0, err
	}
	f, err := openRead(path)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	readSequential(f)
	r, err := uncachedFile(f, path)
	if err != nil {
		return "", 0, err
	}
	if r != f {
		defer r.Close()
	}
	buf := getBlock(hashBufSize)
	defer putBlock(buf)
	n, err := hashRange(ctx, h, r, buf, 0, -1)
	if err != nil {
		return "", n, fmt.Errorf("hash %s: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

const hashBufSize = 1 << 20

// uncachedFile returns f, open on path, once none of its pages is cached,
// or else path opened for direct I/O, which bypasses the cache (the caller
// closes it), or f where the OS allows neither.
func uncachedFile(f *os.File, path string) (*os.File, error) {
	dropped, err := dropVerified(f, 0, -1)
	if err != nil {
		return nil, fmt.Errorf("drop cache of %s: %w", path, err)
	}
	if dropped {
		return f, nil
	}
	d, direct, err := openDirect(path)
	if err != nil {
		return nil, err
	}
	if !direct {
		d.Close()
		return f, nil
	}
	return d, nil
}

// hashRange feeds f's bytes [off, end) (end < 0: up to the end of the file)
// to h, reading buf's length at a time, and returns how many it read. It
// stops early at the end of the file. Reads are at offsets and of lengths
// that stay multiples of directAlign, as direct I/O wants, as long as off
// and len(buf) are. Errors say the byte offset.
func hashRange(ctx context.Context, h hash.Hash, f *os.File, buf []byte, off, end int64) (int64, error) {
	start := off
	for end < 0 || off < end {
		if err := ctx.Err(); err != nil {
			return off - start, err
		}
		b := buf
		if end >= 0 {
			b = b[:min(int64(len(b)), end-off)]
		}
		n, err := readOnce(f, b, off)
		h.Write(b[:n])
		off += int64(n)
		if err != nil && !errors.Is(err, io.EOF) {
			return off - start, fmt.Errorf("at byte %d: %w", off, unwrapPath(err))
		}
		if n < len(b) { // the end of the file
			break
		}
	}
	return off - start, nil
}

// unwrapPath strips an *os.PathError so a message does not repeat the name.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
