//go:build linux

package fsutil

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// OpenRead opens name read-only without updating its access time
// (O_NOATIME), so reading a card leaves it as the camera wrote it. The
// kernel allows O_NOATIME only to the file's owner (or with CAP_FOWNER) and
// answers EPERM otherwise: then name is opened plainly, and its atime is the
// file system's business (relatime, noatime mounts). Every read of a source
// file goes through here.
func OpenRead(name string) (*os.File, error) {
	f, err := os.OpenFile(name, os.O_RDONLY|unix.O_NOATIME, 0)
	if errors.Is(err, unix.EPERM) {
		return os.Open(name)
	}
	return f, err
}
