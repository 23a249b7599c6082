//go:build linux

package offload

import "golang.org/x/sys/unix"

// freeSpace asks statfs. Counts are in fragment-size units (f_frsize, which
// the kernel sets to f_bsize where the file system has no fragments).
func freeSpace(dir string) (int64, error) {
	var st unix.Statfs_t
	if err := unix.Statfs(dir, &st); err != nil {
		return 0, err
	}
	unit := st.Frsize
	if unit == 0 {
		unit = st.Bsize
	}
	if st.Blocks == 0 || unit <= 0 { // a file system without a size says nothing
		return 0, ErrSpaceUnknown
	}
	return int64(st.Bavail) * unit, nil
}
