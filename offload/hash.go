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
// cached pages are dropped first where the OS allows. It returns the hex sum
// and the number of bytes read.
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
	if err := dropCache(f); err != nil {
		return "", 0, fmt.Errorf("drop cache of %s: %w", path, err)
	}
	n, err := hashReader(ctx, h, f, path, hashBufSize)
	if err != nil {
		return "", n, err
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

const hashBufSize = 1 << 20

// hashReader feeds r to h in blocks of bufSize, checking ctx between blocks.
// Errors name the file and the byte offset.
func hashReader(ctx context.Context, h hash.Hash, r io.Reader, name string, bufSize int) (int64, error) {
	buf := make([]byte, bufSize)
	var off int64
	for {
		if err := ctx.Err(); err != nil {
			return off, fmt.Errorf("hash %s: %w", name, err)
		}
		n, err := r.Read(buf)
		h.Write(buf[:n])
		off += int64(n)
		if errors.Is(err, io.EOF) {
			return off, nil
		}
		if err != nil {
			return off, fmt.Errorf("read %s at byte %d: %w", name, off, unwrapPath(err))
		}
	}
}

// unwrapPath strips an *os.PathError so a message does not repeat the name.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
