package offload

import (
	"bytes"
	"context"
	"fmt"
	"io"
)

// prefixLen is how much of a file's start SamePrefix compares: enough for
// the container header, where two recordings of the same size differ
// (creation time, UMID, clip name, span number).
const prefixLen = 64 << 10

// SamePrefix reports whether any file in paths starts with the same bytes
// as src, comparing the first prefixLen (or all of a shorter file). It is
// the cheap test that rules a duplicate out before the whole source is
// hashed. A candidate that cannot be read is no match (verify reports a
// library file gone); a source that cannot be read is an error.
func SamePrefix(ctx context.Context, src string, paths []string) (bool, error) {
	want, err := readPrefix(src)
	if err != nil {
		return false, fmt.Errorf("read the start of %s: %w", src, err)
	}
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return false, err
		}
		if have, err := readPrefix(p); err == nil && bytes.Equal(have, want) {
			return true, nil
		}
	}
	return false, nil
}

// readPrefix reads the first prefixLen bytes of path, or all of a shorter file.
func readPrefix(path string) ([]byte, error) {
	f, err := openRead(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b := make([]byte, prefixLen)
	n, err := io.ReadFull(f, b)
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		err = nil
	}
	return b[:n], err
}
