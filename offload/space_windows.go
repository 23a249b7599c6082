//go:build windows

package offload

import (
	"fmt"
	"strings"

	"golang.org/x/sys/windows"
)

// freeSpace asks GetDiskFreeSpaceEx for the bytes available to this user
// (quotas counted).
func freeSpace(dir string) (int64, error) {
	p, err := windows.UTF16PtrFromString(dir)
	if err != nil {
		return 0, err
	}
	var avail, total, free uint64
	if err := windows.GetDiskFreeSpaceEx(p, &avail, &total, &free); err != nil {
		return 0, err
	}
	if total == 0 {
		return 0, ErrSpaceUnknown
	}
	return int64(avail), nil
}

// sameDevice compares the volumes a and b are on (their volume mount
// points: C:\, or a volume mounted in a folder).
func sameDevice(a, b string) (bool, error) {
	va, err := volumeOf(a)
	if err != nil {
		return false, err
	}
	vb, err := volumeOf(b)
	if err != nil {
		return false, err
	}
	return strings.EqualFold(va, vb), nil
}

func volumeOf(path string) (string, error) {
	p, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return "", err
	}
	buf := make([]uint16, windows.MAX_LONG_PATH)
	if err := windows.GetVolumePathName(p, &buf[0], uint32(len(buf))); err != nil {
		return "", fmt.Errorf("volume of %s: %w", path, err)
	}
	return windows.UTF16ToString(buf), nil
}
