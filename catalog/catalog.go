// Package catalog is rushes' SQLite store: the schema and its migrations,
// the clips and files that were verified in the library, ingest runs and the
// per-file journal that resumption reads, review marks, and the queries the
// command line runs. It never touches media files or the library tree; paths
// it stores are relative to the library root it is opened with.
//
// One writer connection takes immediate transactions; a separate pool of
// read-only connections serves queries, so readers never block the writer
// (WAL mode). Foreign keys are on for every connection.
package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"

	_ "github.com/mattn/go-sqlite3" // registers the "sqlite3" driver
	"github.com/rushes/rushes/batch"
)

// ErrNoCatalog is returned by a read-only Open when no catalog file exists yet.
var ErrNoCatalog = errors.New("no catalog yet")

// ErrTooNew is returned when the catalog was written by a newer rushes.
var ErrTooNew = errors.New("catalog is newer than this rushes")

// Options say how to open a catalog.
type Options struct {
	// Library is the root that stored relative paths are joined to.
	Library string
	// MustExist refuses to create a catalog that is not there yet
	// (query commands use it: they report ErrNoCatalog instead).
	MustExist bool
}

// Catalog is an open catalog. It is safe for concurrent use.
type Catalog struct {
	path    string
	library string
	write   *sql.DB // nil when read-only
	read    *sql.DB
	group   *batch.Group[txReq]
	dirty   atomic.Bool // committed since the last Sync
}

// Open opens (and, unless read-only, creates and migrates) the catalog at path.
func Open(ctx context.Context, path string, opts Options) (*Catalog, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("catalog path %s: %w", path, err)
	}
	c := &Catalog{path: abs, library: opts.Library}
	c.group = batch.New(func(reqs []txReq) []error { return runBatch(c.write, reqs) })
	_, statErr := os.Stat(abs)
	switch {
	case statErr == nil:
		// Check the version before any pragma can touch a newer file.
		if err := refuseNewer(ctx, abs); err != nil {
			return nil, err
		}
	case opts.MustExist && errors.Is(statErr, os.ErrNotExist):
		return nil, fmt.Errorf("%w at %s: run `rushes ingest PATH` first", ErrNoCatalog, abs)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
		return nil, fmt.Errorf("create catalog folder: %w", err)
	}
	if c.write, err = openDB(abs, false); err != nil {
		return nil, err
	}
	c.write.SetMaxOpenConns(1)
	migrated, err := migrate(ctx, c.write, abs)
	if err != nil {
		c.write.Close()
		return nil, err
	}
	c.dirty.Store(migrated)
	if c.read, err = openDB(abs, true); err != nil {
		c.Close()
		return nil, err
	}
	if err := checkVersion(ctx, c.read, abs); err != nil {
		c.Close()
		return nil, err
	}
	return c, nil
}

// openDB opens a pool with the pragmas every connection needs. The DSN
// parameters are applied by the driver on each new connection.
func openDB(path string, readOnly bool) (*sql.DB, error) {
	q := url.Values{}
	q.Set("_foreign_keys", "on")
	q.Set("_busy_timeout", "10000")
	q.Set("_journal_mode", "WAL")
	q.Set("_synchronous", "NORMAL") // durable at the points Sync is called: see sync.go
	if readOnly {
		q.Set("_query_only", "true")
	} else {
		q.Set("_txlock", "immediate")
	}
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
	db, err := sql.Open("sqlite3", dsn)
	if err != nil {
		return nil, fmt.Errorf("open catalog %s: %w", path, err)
	}
	return db, nil
}

// Path is the catalog file's absolute path.
func (c *Catalog) Path() string { return c.path }

// Library is the library root stored paths are relative to.
func (c *Catalog) Library() string { return c.library }

// Close flushes what was committed to the disk and closes both pools.
func (c *Catalog) Close() error {
	errs := []error{c.Sync(context.Background())}
	if c.read != nil {
		errs = append(errs, c.read.Close())
	}
	if c.write != nil {
		errs = append(errs, c.write.Close())
	}
	return errors.Join(errs...)
}

// writeTx runs fn in an immediate transaction on the writer connection,
// batched with the concurrent callers' (see group.go).
func (c *Catalog) writeTx(ctx context.Context, fn txFunc) error {
	if c.write == nil {
		return errors.New("catalog opened read-only")
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	err := c.group.Do(txReq{ctx, fn})
	c.dirty.Store(true) // after the commit, so a Sync that clears it covers it
	return c.diskFull(err)
}

// ErrNoSpace is a catalog write refused because its disk is full.
var ErrNoSpace = errors.New("no space left")

// diskFull says a full disk in the user's words, naming the catalog's
// folder, instead of SQLite's "database or disk is full".
func (c *Catalog) diskFull(err error) error {
	// SQLite's SQLITE_FULL, by its message: the driver's error type exists
	// only in cgo builds, and the catalog must vet without cgo too.
	if err == nil || !(errors.Is(err, syscall.ENOSPC) || strings.Contains(err.Error(), "database or disk is full")) {
		return err
	}
	return fmt.Errorf("%w on %s: the catalog %s cannot record the run; free space there and run the same command again (verified files are kept and recorded then without copying)",
		ErrNoSpace, filepath.Dir(c.path), filepath.Base(c.path))
}
