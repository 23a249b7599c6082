//go:build !linux && !darwin && !freebsd && !windows

package offload

import (
	"errors"
	"fmt"
	"runtime"
)

// freeSpace is unknown on this system.
func freeSpace(string) (int64, error) {
	return 0, fmt.Errorf("%w on %s", ErrSpaceUnknown, runtime.GOOS)
}

// sameDevice cannot tell on this system.
func sameDevice(string, string) (bool, error) {
	return false, fmt.Errorf("device of a folder unknown on %s: %w", runtime.GOOS, errors.ErrUnsupported)
}
