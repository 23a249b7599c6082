//go:build darwin

package offload

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// openRead opens name read-only (macOS has no O_NOATIME).
func openRead(name string) (*os.File, error) { return os.Open(name) }

// dropRange turns the unified buffer cache off for f's further I/O, which
// is what macOS offers instead of posix_fadvise: per file, not per range.
func dropRange(f *os.File, _, _ int64) error {
	_, err := unix.FcntlInt(f.Fd(), unix.F_NOCACHE, 1)
	return err
}

// renameNoReplace moves oldpath to newpath unless newpath exists, in which
// case the error is fs.ErrExist and nothing changes.
func renameNoReplace(oldpath, newpath string) error {
	err := unix.RenamexNp(oldpath, newpath, unix.RENAME_EXCL)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, unix.ENOTSUP), errors.Is(err, unix.EINVAL):
		return linkNoReplace(oldpath, newpath)
	}
	return &os.LinkError{Op: "rename", Old: oldpath, New: newpath, Err: err}
}

// freeBytes is the space an unprivileged writer may still use in dir.
func freeBytes(dir string) (int64, bool) {
	var st unix.Statfs_t
	if err := unix.Statfs(dir, &st); err != nil || st.Blocks == 0 {
		return 0, false // a file system without a size (some FUSE) says nothing
	}
	return int64(st.Bavail) * int64(st.Bsize), true
}

// readOnce reads into b at off (no direct I/O here to be careful of).
func readOnce(f *os.File, b []byte, off int64) (int, error) { return f.ReadAt(b, off) }

// readSequential is a no-op here.
func readSequential(*os.File) {}

// openDirect opens name as openRead does: no direct I/O here, the read-back
// drops the cache instead.
func openDirect(name string) (*os.File, bool, error) {
	f, err := openRead(name)
	return f, false, err
}

// cachedPages cannot tell here.
func cachedPages(*os.File, int64, int64) (int, error) { return 0, errors.ErrUnsupported }

// startWriteback is not available here: the final fsync writes everything,
// and the copy is read back after it.
func startWriteback(*os.File, int64, int64) error { return errWriteBehindUnsupported }

// waitWriteback is not available here (see startWriteback).
func waitWriteback(*os.File, int64, int64) error { return errWriteBehindUnsupported }
