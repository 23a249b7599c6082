package pipeline

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/rushes/rushes/lockfile"
)

// ErrBusy is returned when another rushes process is ingesting into the same library.
var ErrBusy = errors.New("library is busy")

// lockLibrary holds <library>/.rushes/ingest.lock for a run: cleaning
// partial files while another process copies would delete its work in flight.
func lockLibrary(library string) (*lockfile.Lock, error) {
	l, err := lockfile.Acquire(filepath.Join(library, ".rushes", "ingest.lock"))
	if errors.Is(err, lockfile.ErrHeld) {
		return nil, fmt.Errorf("%w: another rushes is ingesting into %s (%v); wait for it to finish", ErrBusy, library, err)
	}
	return l, err
}
