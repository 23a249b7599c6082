//go:build linux || darwin || freebsd

package offload

import (
	"fmt"

	"golang.org/x/sys/unix"
)

// sameDevice compares the st_dev of a and b (following symbolic links).
func sameDevice(a, b string) (bool, error) {
	var sa, sb unix.Stat_t
	if err := unix.Stat(a, &sa); err != nil {
		return false, fmt.Errorf("stat %s: %w", a, err)
	}
	if err := unix.Stat(b, &sb); err != nil {
		return false, fmt.Errorf("stat %s: %w", b, err)
	}
	return sa.Dev == sb.Dev, nil
}
