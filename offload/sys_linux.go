//go:build linux

package offload

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// openRead opens name read-only without updating its atime when the kernel
// permits O_NOATIME (owner or CAP_FOWNER); otherwise it opens it plainly.
func openRead(name string) (*os.File, error) {
	f, err := os.OpenFile(name, os.O_RDONLY|unix.O_NOATIME, 0)
	if errors.Is(err, unix.EPERM) {
		return os.Open(name)
	}
	return f, err
}

// dropCache asks the kernel to drop f's cached pages, so the next read comes
// from the disk. Dirty pages are not dropped: Sync f first.
func dropCache(f *os.File) error {
	err := unix.Fadvise(int(f.Fd()), 0, 0, unix.FADV_DONTNEED)
	if errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.ESPIPE) {
		return nil // nothing to drop on this file system
	}
	return err
}

// readSequential tells the kernel f is read once from start to end, so it
// reads further ahead. It is only a hint.
func readSequential(f *os.File) {
	_ = unix.Fadvise(int(f.Fd()), 0, 0, unix.FADV_SEQUENTIAL)
}

// writeBehind starts writing f's bytes [from, to) to disk without waiting,
// then waits for the bytes [done, from) to be on disk and drops their pages.
// A long copy then overlaps its writes with its reads, keeps the page cache
// clean and leaves little for the final fsync, which stays the guarantee.
// An error here is a write error all the same: the kernel reports a failed
// writeback once, and this wait may be that once. errWriteBehindUnsupported
// means the file system cannot do it.
func writeBehind(f *os.File, done, from, to int64) error {
	fd := int(f.Fd())
	err := unix.SyncFileRange(fd, from, to-from, unix.SYNC_FILE_RANGE_WRITE)
	if err == nil && from > done {
		const wait = unix.SYNC_FILE_RANGE_WAIT_BEFORE | unix.SYNC_FILE_RANGE_WRITE | unix.SYNC_FILE_RANGE_WAIT_AFTER
		if err = unix.SyncFileRange(fd, done, from-done, wait); err == nil {
			err = unix.Fadvise(fd, done, from-done, unix.FADV_DONTNEED)
		}
	}
	if errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.ESPIPE) || errors.Is(err, unix.EOPNOTSUPP) {
		return errWriteBehindUnsupported
	}
	return err
}

// renameNoReplace moves oldpath to newpath unless newpath exists, in which
// case the error is fs.ErrExist and nothing changes.
func renameNoReplace(oldpath, newpath string) error {
	err := unix.Renameat2(unix.AT_FDCWD, oldpath, unix.AT_FDCWD, newpath, unix.RENAME_NOREPLACE)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, unix.EINVAL), errors.Is(err, unix.ENOSYS), errors.Is(err, unix.ENOTSUP):
		return linkNoReplace(oldpath, newpath) // NFS, some FUSE, old kernels
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
