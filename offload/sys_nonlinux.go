//go:build !linux

package offload

import (
	"errors"
	"os"
)

// What only Linux offers (direct reads, page-cache reports, early
// writeback) is done without elsewhere: the read-back trusts the cache
// drop, and the final fsync writes the whole copy before it is read back.

// readOnce reads into b at off (no direct I/O here to be careful of).
func readOnce(f *os.File, b []byte, off int64) (int, error) { return f.ReadAt(b, off) }

// readSequential is a no-op here.
func readSequential(*os.File) {}

// openDirect opens name as openRead does: no direct I/O here, the read-back
// drops the cache instead.
func openDirect(name string) (*os.File, bool, error) {
	f, err := openRead(name)
	return f, false, err
}

// cachedPages cannot tell here.
func cachedPages(*os.File, int64, int64) (int, error) { return 0, errors.ErrUnsupported }

// startWriteback is not available here: the final fsync writes everything,
// and the copy is read back after it.
func startWriteback(*os.File, int64, int64) error { return errWriteBehindUnsupported }

// waitWriteback is not available here (see startWriteback).
func waitWriteback(*os.File, int64, int64) error { return errWriteBehindUnsupported }
