package catalog

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"
)

// StartRun records the start of an ingest of sources and returns its id.
func (c *Catalog) StartRun(ctx context.Context, sources []string) (int64, error) {
	src, _ := json.Marshal(sources)
	var id int64
	err := c.writeTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx,
			`INSERT INTO runs (started_at, sources, state, pid) VALUES (?, ?, 'running', ?)`,
			formatTime(time.Now()), string(src), os.Getpid())
		if err != nil {
			return err
		}
		id, err = res.LastInsertId()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("start run: %w", err)
	}
	return id, nil
}

// FinishRun records a run's counts and final state, and syncs the catalog:
// everything the run recorded then survives a power loss.
func (c *Catalog) FinishRun(ctx context.Context, r Run) error {
	err := c.writeTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE runs SET finished_at = ?, state = ?, files_total = ?,
			files_copied = ?, files_known = ?, files_failed = ?, bytes_copied = ? WHERE id = ?`,
			formatTime(time.Now()), r.State, r.FilesTotal, r.FilesCopied, r.FilesKnown,
			r.FilesFailed, r.BytesCopied, r.ID)
		return err
	})
	if err != nil {
		return fmt.Errorf("finish run %d: %w", r.ID, err)
	}
	return c.Sync(ctx)
}

// InterruptDeadRuns marks as interrupted the runs still "running" whose
// process is gone (killed, or the machine lost power), and returns them.
func (c *Catalog) InterruptDeadRuns(ctx context.Context, alive func(pid int) bool) ([]int64, error) {
	rows, err := c.read.QueryContext(ctx, `SELECT id, pid FROM runs WHERE state = 'running'`)
	if err != nil {
		return nil, fmt.Errorf("list running runs: %w", err)
	}
	var dead []int64
	for rows.Next() {
		var id int64
		var pid int
		if err := rows.Scan(&id, &pid); err != nil {
			rows.Close()
			return nil, err
		}
		if pid != os.Getpid() && !alive(pid) {
			dead = append(dead, id)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, id := range dead {
		err := c.writeTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, `UPDATE runs SET state = 'interrupted', finished_at = ? WHERE id = ?`,
				formatTime(time.Now()), id)
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("mark run %d interrupted: %w", id, err)
		}
	}
	return dead, nil
}

// Entry is one journal line: a source file's state within a run.
type Entry struct {
	RunID  int64
	Source string
	Size   int64
	Dest   string // relative to the library root
	State  string
	Hash   string
	Err    string
}

// Journal records a source file's state before or after a step.
func (c *Catalog) Journal(ctx context.Context, e Entry) error {
	if e.Dest != "" {
		rel, err := c.toRel(e.Dest)
		if err != nil {
			return fmt.Errorf("journal %s: %w", e.Source, err)
		}
		e.Dest = rel
	}
	err := c.writeTx(ctx, func(ctx context.Context, tx *sql.Tx) error { return journal(ctx, tx, e) })
	if err != nil {
		return fmt.Errorf("journal %s: %w", e.Source, err)
	}
	return nil
}

func journal(ctx context.Context, tx *sql.Tx, e Entry) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO journal (run_id, source_path, size_bytes, dest_path, state, error, hash, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (run_id, source_path) DO UPDATE SET dest_path = excluded.dest_path,
			state = excluded.state, error = excluded.error, hash = excluded.hash, updated_at = excluded.updated_at`,
		e.RunID, e.Source, e.Size, nullable(e.Dest), e.State, nullable(e.Err), nullable(e.Hash), formatTime(time.Now()))
	return err
}

// KnownSource finds a library file that was verified from this source file
// (same path, size and modification time), so a card ingested again is not
// read again.
func (c *Catalog) KnownSource(ctx context.Context, source string, size int64, mtime time.Time) (File, bool, error) {
	at := formatTime(mtime)
	f, ok, err := c.fileWhere(ctx, "look up "+source, `source_path = ? AND size_bytes = ? AND source_mtime = ?`, source, size, at)
	if err != nil || ok {
		return f, ok, err
	}
	// Another source of content the library holds (AddSource).
	return c.fileWhere(ctx, "look up "+source, `id IN (SELECT file_id FROM file_sources
		WHERE source_path = ? AND size_bytes = ? AND source_mtime = ?)`, source, size, at)
}

// FileByHash finds a library file with this content recorded up to the
// file id horizon (ContentHorizon; -1: any), if any.
func (c *Catalog) FileByHash(ctx context.Context, algo, hash string, size, horizon int64) (File, bool, error) {
	return c.fileWhere(ctx, "look up hash "+hash, `hash_algo = ? AND hash = ? AND size_bytes = ? AND (? < 0 OR id <= ?) ORDER BY id`,
		algo, hash, size, horizon, horizon)
}

// FileAt finds the library file recorded at path (absolute), if any,
// whatever hash it was recorded with.
func (c *Catalog) FileAt(ctx context.Context, path string) (File, bool, error) {
	rel, err := c.toRel(path)
	if err != nil {
		return File{}, false, fmt.Errorf("look up %s: %w", path, err)
	}
	return c.fileWhere(ctx, "look up "+path, `path = ?`, rel)
}

// fileWhere is the first library file matching the SQL condition where.
func (c *Catalog) fileWhere(ctx context.Context, what, where string, args ...any) (File, bool, error) {
	row := c.read.QueryRowContext(ctx, `SELECT clip_id, path, role, size_bytes, hash_algo, hash, source_path, source_mtime, verified_at
		FROM files WHERE `+where+` LIMIT 1`, args...)
	f, err := scanFile(row)
	if errors.Is(err, sql.ErrNoRows) {
		return File{}, false, nil
	}
	if err != nil {
		return File{}, false, fmt.Errorf("%s: %w", what, err)
	}
	f.Path = c.toAbs(f.Path)
	return f, true, nil
}

func scanFile(row interface{ Scan(...any) error }) (File, error) {
	var f File
	var mtime, verified string
	err := row.Scan(&f.ClipID, &f.Path, &f.Role, &f.SizeBytes, &f.HashAlgo, &f.Hash, &f.SourcePath, &mtime, &verified)
	f.SourceMtime, f.VerifiedAt = parseTime(mtime), parseTime(verified)
	return f, err
}

// AddClip records a clip whose files were all verified in the library, and
// marks their journal entries verified, in one transaction: the catalog
// never lists a clip whose files are not verified.
func (c *Catalog) AddClip(ctx context.Context, runID int64, cl Clip) (int64, error) {
	if len(cl.Files) == 0 {
		return 0, fmt.Errorf("add clip %s: no files", cl.Name)
	}
	cl, err := c.relClip(cl)
	if err != nil {
		return 0, fmt.Errorf("add clip %s: %w", cl.Name, err)
	}
	var id int64
	err = c.writeTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		var err error
		if id, err = insertClip(ctx, tx, runID, cl); err != nil {
			return err
		}
		for _, f := range cl.Files {
			if err := insertFile(ctx, tx, id, f); err != nil {
				return err
			}
			if runID == 0 { // recorded outside a run (tests, imports)
				continue
			}
			err := journal(ctx, tx, Entry{RunID: runID, Source: f.SourcePath, Size: f.SizeBytes,
				Dest: f.Path, State: StateVerified, Hash: f.Hash})
			if err != nil {
				return err
			}
		}
		return reindex(ctx, tx, id)
	})
	if err != nil {
		return 0, fmt.Errorf("add clip %s: %w", cl.Name, err)
	}
	return id, nil
}

func insertClip(ctx context.Context, tx *sql.Tx, runID int64, cl Clip) (int64, error) {
	prov, _ := json.Marshal(cl.Provenance)
	warn, _ := json.Marshal(nonNil(cl.Warnings))
	ingested := cl.IngestedAt
	if ingested.IsZero() {
		ingested = time.Now()
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO clips (name, kind, date, shot_at, scene, take, camera, reel, project,
		tc_start, fps_num, fps_den, duration_s, codec, width, height, sample_rate, channels, size_bytes,
		library_path, source_path, hash_algo, hash, circled, rating, ng, provenance, warnings, run_id, ingested_at, card)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		cl.Name, string(cl.Kind), nullable(cl.Date), formatTime(cl.ShotAt), nullable(cl.Scene), nullable(cl.Take),
		nullable(cl.Camera), nullable(cl.Reel), nullable(cl.Project), nullable(cl.TCStart),
		nullInt(cl.Rate.Num), nullInt(cl.Rate.Den), nullFloat(cl.Duration), nullable(cl.Codec),
		nullInt(int64(cl.Width)), nullInt(int64(cl.Height)), nullInt(int64(cl.SampleRate)), nullInt(int64(cl.Channels)),
		cl.SizeBytes, cl.LibraryPath, cl.SourcePath, cl.HashAlgo, cl.Hash, cl.Circled, cl.Rating, cl.NG,
		string(prov), string(warn), nullInt(runID), formatTime(ingested), nullable(cl.Card))
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

func insertFile(ctx context.Context, tx *sql.Tx, clipID int64, f File) error {
	verified := f.VerifiedAt
	if verified.IsZero() {
		verified = time.Now()
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO files (clip_id, path, role, size_bytes, hash_algo, hash, source_path, source_mtime, verified_at)
		VALUES (?,?,?,?,?,?,?,?,?)`, clipID, f.Path, f.Role, f.SizeBytes, f.HashAlgo, f.Hash, f.SourcePath,
		f.SourceMtime.Format(timeLayout), formatTime(verified))
	if err != nil {
		return fmt.Errorf("file %s: %w", f.Path, err)
	}
	return nil
}

// reindex rewrites a clip's full-text row from the clip, its notes and tags.
func reindex(ctx context.Context, tx *sql.Tx, id int64) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM clips_fts WHERE rowid = ?`, id); err != nil {
		return fmt.Errorf("reindex clip %d: %w", id, err)
	}
	// The names and source paths of the clip's other sources (AddSource)
	// find it too.
	_, err := tx.ExecContext(ctx, `INSERT INTO clips_fts (rowid, name, scene, notes, tags, source_path)
		SELECT c.id, c.name || coalesce((SELECT ' ' || group_concat(s.name, ' ') FROM file_sources s JOIN files f ON f.id = s.file_id WHERE f.clip_id = c.id), ''),
			coalesce(c.scene, ''),
			coalesce((SELECT group_concat(text, ' ') FROM notes WHERE clip_id = c.id), ''),
			coalesce((SELECT group_concat(tag, ' ') FROM tags WHERE clip_id = c.id), ''),
			c.source_path || coalesce((SELECT ' ' || group_concat(s.source_path, ' ') FROM file_sources s JOIN files f ON f.id = s.file_id WHERE f.clip_id = c.id), '')
		FROM clips c WHERE c.id = ?`, id)
	if err != nil {
		return fmt.Errorf("reindex clip %d: %w", id, err)
	}
	return nil
}

func nullable(s string) any {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	return s
}

func nullInt(v int64) any {
	if v == 0 {
		return nil
	}
	return v
}

func nullFloat(v float64) any {
	if v == 0 {
		return nil
	}
	return v
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// PathsOfSize lists up to limit library files of this size recorded up to
// the file id horizon (-1: any): the
// candidates a source of that size may be a duplicate of by content.
func (c *Catalog) PathsOfSize(ctx context.Context, size, horizon int64, limit int) ([]string, error) {
	rows, err := c.read.QueryContext(ctx, `SELECT path FROM files WHERE size_bytes = ? AND (? < 0 OR id <= ?) ORDER BY id LIMIT ?`,
		size, horizon, horizon, limit)
	if err != nil {
		return nil, fmt.Errorf("look up size %d: %w", size, err)
	}
	defer rows.Close()
	var paths []string
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			return nil, fmt.Errorf("look up size %d: %w", size, err)
		}
		paths = append(paths, c.toAbs(p))
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("look up size %d: %w", size, err)
	}
	return paths, nil
}

// AddFiles records files verified in the library that belong to an existing
// clip (a sidecar that arrived after its media, a later chapter).
func (c *Catalog) AddFiles(ctx context.Context, runID, clipID int64, files []File) error {
	cl, err := c.relClip(Clip{Files: files})
	if err != nil {
		return fmt.Errorf("add files to clip %d: %w", clipID, err)
	}
	err = c.writeTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		for _, f := range cl.Files {
			if err := insertFile(ctx, tx, clipID, f); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE clips SET size_bytes = size_bytes + ? WHERE id = ?`, f.SizeBytes, clipID); err != nil {
				return err
			}
			if runID != 0 {
				if err := journal(ctx, tx, Entry{RunID: runID, Source: f.SourcePath, Size: f.SizeBytes,
					Dest: f.Path, State: StateVerified, Hash: f.Hash}); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("add files to clip %d: %w", clipID, err)
	}
	return nil
}

// JournalPlanned records, in one transaction, every file a run is about to
// offload, so that a run cut short can say what it had still to do.
func (c *Catalog) JournalPlanned(ctx context.Context, entries []Entry) error {
	err := c.writeTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		for _, e := range entries {
			rel, err := c.toRel(e.Dest)
			if err != nil {
				return err
			}
			e.Dest, e.State = rel, StatePlanned
			if err := journal(ctx, tx, e); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("journal the plan: %w", err)
	}
	return nil
}
