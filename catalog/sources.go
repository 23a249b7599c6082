package catalog

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"time"
)

// Source is a file on a card or folder, as a run found it.
type Source struct {
	Path  string
	Size  int64
	Mtime time.Time
}

// AddSource records src as another source of the library file f (its bytes
// are f's): found later by its name and source path, known to a second
// ingest of its card. Its journal entry says whose duplicate it is.
func (c *Catalog) AddSource(ctx context.Context, runID int64, f File, src Source) error {
	rel, err := c.toRel(f.Path)
	if err != nil {
		return fmt.Errorf("record %s as a source of %s: %w", src.Path, f.Path, err)
	}
	err = c.writeTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		var fileID, clipID int64
		if err := tx.QueryRowContext(ctx, `SELECT id, clip_id FROM files WHERE path = ?`, rel).Scan(&fileID, &clipID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO file_sources (file_id, source_path, name, size_bytes, source_mtime, run_id, recorded_at)
			VALUES (?,?,?,?,?,?,?)`, fileID, src.Path, filepath.Base(src.Path), src.Size, src.Mtime.Format(timeLayout),
			nullInt(runID), formatTime(time.Now()))
		if err != nil {
			return err
		}
		if runID != 0 {
			if err := journal(ctx, tx, Entry{RunID: runID, Source: src.Path, Size: src.Size, Dest: rel,
				State: StateKnown, Hash: f.Hash, Err: "duplicate of " + rel}); err != nil {
				return err
			}
		}
		return reindex(ctx, tx, clipID)
	})
	if err != nil {
		return fmt.Errorf("record %s as a source of %s: %w", src.Path, f.Path, err)
	}
	return nil
}

// ContentHorizon is the newest library file now: a run compares its
// sources by content only with the files recorded before it started, so
// that which of a card's identical files are kept does not depend on the
// order its copies finish in.
func (c *Catalog) ContentHorizon(ctx context.Context) (int64, error) {
	var id int64
	if err := c.read.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM files`).Scan(&id); err != nil {
		return 0, fmt.Errorf("read the catalog's newest file: %w", err)
	}
	return id, nil
}
