package offload

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"syscall"

	"github.com/rushes/rushes/fsutil"
)

// openRead opens name read-only without touching its access time where the
// system allows: fsutil.OpenRead, the one rule the probe follows too.
func openRead(name string) (*os.File, error) { return fsutil.OpenRead(name) }

// source is the file being copied, open read-only, with what it looked like
// when opened: any change by the end of a copy fails the copy.
type source struct {
	path string
	f    *os.File
	fi   fs.FileInfo
}

func (s *source) size() int64 { return s.fi.Size() }

// openSource opens path read-only (without touching its atime where
// allowed) and checks it is a regular file.
func openSource(path string) (*source, error) {
	f, err := openRead(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w: %s", ErrSourceGone, path)
	}
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, unwrapPath(err))
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("stat %s: %w", path, unwrapPath(err))
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, fmt.Errorf("copy %s: not a regular file (%s)", path, fi.Mode().Type())
	}
	readSequential(f)
	return &source{path: path, f: f, fi: fi}, nil
}

// readError explains a failed read at byte off: a source whose path is gone
// or whose device is (card pulled) is ErrSourceGone.
func (s *source) readError(off int64, err error) error {
	err = unwrapPath(err)
	if s.gone() || errors.Is(err, syscall.ENODEV) || errors.Is(err, syscall.ENXIO) {
		return fmt.Errorf("%w: %s (read failed at byte %d: %v)", ErrSourceGone, s.path, off, err)
	}
	return fmt.Errorf("read %s at byte %d: %w", s.path, off, err)
}

// gone reports whether the source's path no longer leads to a file.
func (s *source) gone() bool {
	_, err := os.Stat(s.path)
	return errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENODEV) || errors.Is(err, syscall.EIO)
}

// checkUnchanged is the end of a read of n bytes: the source must still be
// at its path, the same file, with the size and mtime it had when opened.
func (s *source) checkUnchanged(n int64) error {
	now, err := os.Stat(s.path)
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENODEV) || errors.Is(err, syscall.EIO) {
		return fmt.Errorf("%w: %s (removed during copy)", ErrSourceGone, s.path)
	}
	if err != nil {
		return fmt.Errorf("stat %s: %w", s.path, unwrapPath(err))
	}
	if !os.SameFile(now, s.fi) {
		return fmt.Errorf("%w: %s was replaced by another file", ErrSourceChanged, s.path)
	}
	if n != s.size() {
		return fmt.Errorf("%w: %s: read %d bytes, expected %d", ErrSourceChanged, s.path, n, s.size())
	}
	if now.Size() != s.size() || !now.ModTime().Equal(s.fi.ModTime()) {
		return fmt.Errorf("%w: %s: size %d -> %d, modified %s -> %s", ErrSourceChanged, s.path,
			s.size(), now.Size(), s.fi.ModTime().Format(timeFormat), now.ModTime().Format(timeFormat))
	}
	return nil
}

const timeFormat = "2006-01-02 15:04:05.000000000"
