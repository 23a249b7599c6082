//go:build !linux

package fsutil

import "os"

// OpenRead opens name read-only. Only Linux has O_NOATIME: elsewhere the
// access time is the mount's business.
func OpenRead(name string) (*os.File, error) { return os.Open(name) }
