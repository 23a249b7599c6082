package daemon

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/rushes/rushes/lockfile"
)

// ErrRunning is returned when another daemon already serves the library.
var ErrRunning = errors.New("a rushes daemon already runs on this library")

func lockPath(library string) string { return filepath.Join(library, ".rushes", "daemon.lock") }

// lockDaemon holds the library's daemon lock for the daemon's life.
func lockDaemon(library string) (*lockfile.Lock, error) {
	l, err := lockfile.Acquire(lockPath(library))
	if errors.Is(err, lockfile.ErrHeld) {
		return nil, fmt.Errorf("%w (%v, library %s): stop it first, or use another library", ErrRunning, err, library)
	}
	return l, err
}

// daemonRunning reports whether some process holds the library's daemon lock.
func daemonRunning(library string) bool { return lockfile.Held(lockPath(library)) }
