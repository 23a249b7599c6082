//go:build !linux && !darwin

package offload

import (
	"errors"
	"os"
)

// openRead opens name read-only.
func openRead(name string) (*os.File, error) { return os.Open(name) }

// dropRange is not available here: read-back may come from the cache.
func dropRange(*os.File, int64, int64) error { return nil }

// renameNoReplace moves oldpath to newpath unless newpath exists, using a
// hard link, which fails rather than replace.
func renameNoReplace(oldpath, newpath string) error { return linkNoReplace(oldpath, newpath) }

// freeBytes is unknown here.
func freeBytes(string) (int64, bool) { return 0, false }

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
