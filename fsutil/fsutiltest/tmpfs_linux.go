//go:build linux

package fsutiltest

import (
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// Tmpfs mounts a fresh tmpfs with options (as mount -o takes them:
// "size=1m", "strictatime") on a temporary folder and unmounts it when the
// test ends. It skips the test when the mount is refused (not root, or no
// CAP_SYS_ADMIN in this container).
func Tmpfs(t testing.TB, options string) string {
	t.Helper()
	dir := t.TempDir()
	var flags uintptr
	var data []string
	for _, o := range strings.Split(options, ",") {
		switch o {
		case "":
		case "strictatime": // a mount flag, not tmpfs data
			flags |= unix.MS_STRICTATIME
		default:
			data = append(data, o)
		}
	}
	if err := unix.Mount("tmpfs", dir, "tmpfs", flags, strings.Join(data, ",")); err != nil {
		t.Skipf("cannot mount a tmpfs with %q here (%v): needs root on Linux", options, err)
	}
	t.Cleanup(func() {
		if err := unix.Unmount(dir, unix.MNT_DETACH); err != nil {
			t.Errorf("unmount %s: %v", dir, err)
		}
	})
	return dir
}

// ReadOnly remounts a Tmpfs mount read-only in place (its files stay).
func ReadOnly(t testing.TB, dir string) {
	t.Helper()
	if err := unix.Mount("tmpfs", dir, "tmpfs", unix.MS_REMOUNT|unix.MS_RDONLY, ""); err != nil {
		t.Fatalf("remount %s read-only: %v", dir, err)
	}
}

// SetAtime sets path's access time to at, leaving its modification time.
func SetAtime(t testing.TB, path string, at time.Time) {
	t.Helper()
	ts := []unix.Timespec{unix.NsecToTimespec(at.UnixNano()), {Nsec: unix.UTIME_OMIT}}
	if err := unix.UtimesNanoAt(unix.AT_FDCWD, path, ts, unix.AT_SYMLINK_NOFOLLOW); err != nil {
		t.Fatalf("set atime of %s: %v", path, err)
	}
}

// Atime is path's access time as the file system keeps it.
func Atime(t testing.TB, path string) time.Time {
	t.Helper()
	var st unix.Stat_t
	if err := unix.Lstat(path, &st); err != nil {
		t.Fatalf("stat %s: %v", path, err)
	}
	return time.Unix(st.Atim.Unix())
}
