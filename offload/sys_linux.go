//go:build linux

package offload

import (
	"errors"
	"os"
	"unsafe"

	"golang.org/x/sys/unix"
)

// openDirect opens name for reads that bypass the page cache (O_DIRECT), so
// that they come from the device whatever the cache holds. Where the file
// system cannot, or wants more alignment than directAlign, it opens name as
// openRead does and direct is false.
func openDirect(name string) (f *os.File, direct bool, err error) {
	var st unix.Statx_t
	if unix.Statx(unix.AT_FDCWD, name, 0, unix.STATX_DIOALIGN, &st) == nil && st.Mask&unix.STATX_DIOALIGN != 0 &&
		(st.Dio_offset_align == 0 || st.Dio_offset_align > directAlign || st.Dio_mem_align > directAlign) {
		f, err = openRead(name)
		return f, false, err
	}
	f, err = os.OpenFile(name, os.O_RDONLY|unix.O_NOATIME|unix.O_DIRECT, 0)
	if errors.Is(err, unix.EPERM) {
		f, err = os.OpenFile(name, os.O_RDONLY|unix.O_DIRECT, 0)
	}
	if errors.Is(err, unix.EINVAL) { // no direct I/O here (older tmpfs, some FUSE)
		f, err = openRead(name)
		return f, false, err
	}
	return f, err == nil, err
}

// readOnce reads into b at off with one pread, so that a read ending short
// at the end of the file is not followed by one at an unaligned offset,
// which direct I/O refuses on some file systems.
func readOnce(f *os.File, b []byte, off int64) (int, error) {
	for {
		n, err := unix.Pread(int(f.Fd()), b, off)
		if err == unix.EINTR {
			continue
		}
		return max(n, 0), err
	}
}

// readSequential tells the kernel f is read once from start to end, so it
// reads further ahead. It is only a hint.
func readSequential(f *os.File) {
	_ = unix.Fadvise(int(f.Fd()), 0, 0, unix.FADV_SEQUENTIAL)
}

// startWriteback starts writing f's bytes [off, end) to disk without
// waiting, so the disk works while the copy goes on. errWriteBehindUnsupported
// means the file system cannot do it.
func startWriteback(f *os.File, off, end int64) error {
	return writeBehindErr(unix.SyncFileRange(int(f.Fd()), off, end-off, unix.SYNC_FILE_RANGE_WRITE))
}

// waitWriteback writes f's bytes [off, end) to disk and waits until they are
// there (not necessarily past the disk's own cache: the final fsync is the
// guarantee of durability). An error is a write error all the same: the
// kernel reports a failed writeback once, and this wait may be that once.
func waitWriteback(f *os.File, off, end int64) error {
	const wait = unix.SYNC_FILE_RANGE_WAIT_BEFORE | unix.SYNC_FILE_RANGE_WRITE | unix.SYNC_FILE_RANGE_WAIT_AFTER
	return writeBehindErr(unix.SyncFileRange(int(f.Fd()), off, end-off, wait))
}

func writeBehindErr(err error) error {
	if errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.ESPIPE) || errors.Is(err, unix.EOPNOTSUPP) {
		return errWriteBehindUnsupported
	}
	return err
}

// dropRange asks the kernel to drop f's cached pages of [off, end), end < 0
// meaning to the end of the file, so the next read of them comes from the
// disk. Dirty pages are not dropped: write them back first.
func dropRange(f *os.File, off, end int64) error {
	n := int64(0) // to the end of the file
	if end >= 0 {
		n = end - off
	}
	err := unix.Fadvise(int(f.Fd()), off, n, unix.FADV_DONTNEED)
	if errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.ESPIPE) {
		return nil // nothing to drop on this file system
	}
	return err
}

// cachedPages counts the pages of f's bytes [off, end) (end < 0: to the end
// of the file) that are in the page cache: it maps them, a window at a time,
// without touching them, and asks mincore.
func cachedPages(f *os.File, off, end int64) (int, error) {
	if end < 0 {
		fi, err := f.Stat()
		if err != nil {
			return 0, err
		}
		end = fi.Size()
	}
	const window = 1 << 30
	page := int64(os.Getpagesize())
	vec := make([]byte, min(window, max(end-off, 0)+page)/page)
	n := 0
	for off &^= page - 1; off < end; off += window {
		m, err := unix.Mmap(int(f.Fd()), off, int(min(window, end-off)), unix.PROT_READ, unix.MAP_SHARED)
		if err != nil {
			return n, err
		}
		v := vec[:(int64(len(m))+page-1)/page]
		_, _, e := unix.Syscall(unix.SYS_MINCORE, uintptr(unsafe.Pointer(&m[0])), uintptr(len(m)), uintptr(unsafe.Pointer(&v[0])))
		unix.Munmap(m)
		if e != 0 {
			return n, e
		}
		for _, b := range v {
			n += int(b & 1)
		}
	}
	return n, nil
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
