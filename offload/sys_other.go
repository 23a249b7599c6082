//go:build !linux && !darwin

package offload

import "os"

// dropRange is not available here: read-back may come from the cache.
func dropRange(*os.File, int64, int64) error { return nil }

// renameNoReplace moves oldpath to newpath unless newpath exists, using a
// hard link, which fails rather than replace.
func renameNoReplace(oldpath, newpath string) error { return linkNoReplace(oldpath, newpath) }

// freeBytes is unknown here.
func freeBytes(string) (int64, bool) { return 0, false }
