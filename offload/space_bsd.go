//go:build darwin || freebsd

package offload

import "golang.org/x/sys/unix"

// freeSpace asks statfs, whose counts are in f_bsize units here.
func freeSpace(dir string) (int64, error) {
	var st unix.Statfs_t
	if err := unix.Statfs(dir, &st); err != nil {
		return 0, err
	}
	if st.Blocks == 0 || st.Bsize == 0 { // a file system without a size says nothing
		return 0, ErrSpaceUnknown
	}
	return max(int64(st.Bavail), 0) * int64(st.Bsize), nil // FreeBSD's goes below 0 past the reserve
}
