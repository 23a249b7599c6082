package offload

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// Sentinel errors a caller decides on with errors.Is.
var (
	// ErrNoSpace: a destination file system is full (or over quota).
	ErrNoSpace = errors.New("no space left")
	// ErrSourceGone: the source vanished during the copy (card pulled, file deleted).
	ErrSourceGone = errors.New("source is gone")
	// ErrSourceChanged: the source changed size or mtime while it was read;
	// it is probably still being written and should be retried later.
	ErrSourceChanged = errors.New("source changed during copy")
	// ErrVerify: the copy read back from the disk does not match the source hash.
	ErrVerify = errors.New("verification failed")
)

// noSpace builds the ErrNoSpace error for dir, naming how much more room a
// file of size bytes needs there.
func noSpace(dir string, size int64) error {
	free, ok := freeBytes(dir)
	if !ok {
		return fmt.Errorf("%w on %s: needs %d bytes%s", ErrNoSpace, dir, size, human(size))
	}
	need := size - free
	if need <= 0 { // quota, reserved blocks or space freed since: say what we know
		return fmt.Errorf("%w on %s: needs %d bytes%s, %d free", ErrNoSpace, dir, size, human(size), free)
	}
	return fmt.Errorf("%w on %s: needs %d more bytes%s", ErrNoSpace, dir, need, human(need))
}

// human is " (1.5 GiB)" for large byte counts, "" for small ones.
func human(n int64) string {
	const unit = 1024
	if n < unit {
		return ""
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf(" (%.1f %ciB)", float64(n)/float64(div), "KMGTPE"[exp])
}

// destError explains a failure of op on path, a destination's final path
// or folder, for a copy of size bytes: the temp file name an error carries
// gives way to path, and the common causes get a message a user can act on.
func destError(op, path string, size int64, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err // the temp name inside would only confuse
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		err = le.Err
	}
	dir := filepath.Dir(path)
	switch {
	case isNoSpace(err):
		return noSpace(dir, size)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("%s %s: permission denied (check the owner and permissions of %s): %w", op, path, dir, err)
	case errors.Is(err, syscall.ENAMETOOLONG):
		return fmt.Errorf("%s %s: name too long for the file system (%d bytes in the name, %d in the path): %w",
			op, path, len(filepath.Base(path)), len(path), err)
	case errors.Is(err, syscall.EROFS):
		return fmt.Errorf("%s %s: destination is read-only: %w", op, path, err)
	}
	return fmt.Errorf("%s %s: %w", op, path, err)
}

func isNoSpace(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT)
}

// destErrors is the overall error of a copy whose destinations failed: it
// names each one and unwraps to all of them for errors.Is.
type destErrors struct {
	src   string
	total int
	errs  []error
}

func (e *destErrors) Error() string {
	msgs := make([]string, len(e.errs))
	for i, err := range e.errs {
		msgs[i] = err.Error()
	}
	return fmt.Sprintf("copy %s: %d of %d destinations failed: %s", e.src, len(e.errs), e.total, strings.Join(msgs, "; "))
}

func (e *destErrors) Unwrap() []error { return e.errs }
