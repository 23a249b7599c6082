package catalog

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// Commits do not wait for the disk (synchronous=NORMAL in WAL mode): with
// one fsync per commit, the catalog, not the copies, set the pace of
// offloading small files. SQLite stays consistent on power loss in this
// mode; it may only lose the last commits. That is safe for what a run
// records, because every record follows a library file that is already
// synced: a lost record leaves a verified file that the next run finds by
// its content and records without copying it. Sync makes everything
// committed so far durable at the points where losing it would matter:
// the end of a run (before rushes says a card is safe), before a move-mode
// delete, before a relocation renames files, and on Close.

// Sync flushes everything committed so far to the disk: the write-ahead
// log, where commits go first, the database file and their folder. It does
// nothing when this Catalog committed nothing since the last Sync (a query).
func (c *Catalog) Sync(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if !c.dirty.Swap(false) {
		return nil
	}
	for _, p := range []string{c.path + "-wal", c.path, filepath.Dir(c.path)} {
		if err := syncPath(p); err != nil {
			c.dirty.Store(true)
			return fmt.Errorf("sync catalog: %w", err)
		}
	}
	return nil
}

// syncPath fsyncs the file or folder at p; a file that is not there (no
// write-ahead log yet) has nothing to flush.
func syncPath(p string) error {
	f, err := os.Open(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	err = f.Sync()
	if errors.Is(err, syscall.EINVAL) || errors.Is(err, syscall.ENOTSUP) {
		err = nil // a folder some file systems cannot sync
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
