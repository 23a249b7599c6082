package catalog

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"net/url"
	"sort"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// migrations returns the embedded migration scripts in order; script i
// (0-based) brings the schema to user_version i+1.
func migrations() ([]string, error) {
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out []string
	for _, n := range names {
		b, err := migrationFS.ReadFile(n)
		if err != nil {
			return nil, err
		}
		out = append(out, string(b))
	}
	return out, nil
}

// SchemaVersion is the newest schema this build understands.
func SchemaVersion() int {
	m, _ := migrations()
	return len(m)
}

func userVersion(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}) (int, error) {
	var v int
	err := q.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v)
	return v, err
}

// migrate applies, each in its own transaction, the scripts the catalog has
// not seen yet, and refuses a catalog newer than this build.
func migrate(ctx context.Context, db *sql.DB, path string) (applied bool, err error) {
	scripts, err := migrations()
	if err != nil {
		return false, fmt.Errorf("read migrations: %w", err)
	}
	have, err := userVersion(ctx, db)
	if err != nil {
		return false, fmt.Errorf("open catalog %s: %w", path, err)
	}
	if have > len(scripts) {
		return false, tooNew(path, have, len(scripts))
	}
	for v := have; v < len(scripts); v++ {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return false, fmt.Errorf("migrate %s: %w", path, err)
		}
		if _, err := tx.ExecContext(ctx, scripts[v]); err != nil {
			tx.Rollback()
			return false, fmt.Errorf("migrate %s to version %d: %w", path, v+1, err)
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v+1)); err != nil {
			tx.Rollback()
			return false, fmt.Errorf("migrate %s to version %d: %w", path, v+1, err)
		}
		if err := tx.Commit(); err != nil {
			return false, fmt.Errorf("migrate %s to version %d: %w", path, v+1, err)
		}
		applied = true
	}
	return applied, nil
}

func checkVersion(ctx context.Context, db *sql.DB, path string) error {
	have, err := userVersion(ctx, db)
	if err != nil {
		return fmt.Errorf("open catalog %s: %w", path, err)
	}
	if want := SchemaVersion(); have > want {
		return tooNew(path, have, want)
	}
	return nil
}

func tooNew(path string, have, want int) error {
	return fmt.Errorf("%w: %s has schema version %d, this rushes understands up to %d; upgrade rushes (it will not modify this catalog)",
		ErrTooNew, path, have, want)
}

// refuseNewer opens an existing catalog read-only, with no pragmas, and
// refuses it when a newer rushes wrote it: nothing is changed on disk.
func refuseNewer(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: path}).EscapedPath()+"?mode=ro")
	if err != nil {
		return fmt.Errorf("open catalog %s: %w", path, err)
	}
	defer db.Close()
	return checkVersion(ctx, db, path)
}
