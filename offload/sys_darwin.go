//go:build darwin

package offload

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

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
