package offload

import (
	"context"
	"crypto/md5"
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"slices"

	"github.com/cespare/xxhash/v2"
	"github.com/zeebo/xxh3"
)

// DefaultAlgo is the hash used when none is configured.
const DefaultAlgo = "xxh128"

// Algorithms lists the supported hash names, the default first. The hex a
// hash prints is what `xxhsum -H2` (xxh128), `-H3` (xxh3), `-H1` (xxh64),
// `md5sum` and `sha1sum` print.
func Algorithms() []string {
	return []string{"xxh128", "xxh64", "xxh3", "md5", "sha1"}
}

// NewHash returns a fresh hash for algo, one of Algorithms(). Every one
// writes its sum big-endian, so hex.EncodeToString(h.Sum(nil)) prints as
// the reference tools do.
func NewHash(algo string) (hash.Hash, error) {
	switch algo {
	case "xxh128":
		return xxh3.New128(), nil
	case "xxh3":
		return xxh3.New(), nil
	case "xxh64":
		return xxhash.New(), nil
	case "md5":
		return md5.New(), nil
	case "sha1":
		return sha1.New(), nil
	}
	return nil, fmt.Errorf("unknown hash %q (allowed: %v)", algo, Algorithms())
}

func validAlgo(algo string) bool { return slices.Contains(Algorithms(), algo) }

// HashFile hashes the file at path with algo, reading it from the disk: its
// cached pages are dropped first, and if some stay cached it reads with
// direct I/O, where the OS allows either. It returns the hex sum and the
// number of bytes read.
func HashFile(ctx context.Context, path, algo string) (string, int64, error) {
	h, err := NewHash(algo)
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
	n, err := hashRange(ctx, h, r, alignedBuf(hashBufSize), 0, -1)
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
