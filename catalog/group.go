package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// txFunc is one caller's work in a write transaction. It must use the ctx
// it is given, never its caller's: a statement interrupted by a cancelled
// context could roll back the whole shared transaction.
type txFunc func(ctx context.Context, tx *sql.Tx) error

// Write transactions are group-committed (package batch). Offloading many
// small files, each file records a journal entry and a clip; one commit
// each made the single writer the bottleneck. Concurrent callers' work
// shares one transaction, each in its own savepoint, so one that fails
// rolls back only its own changes, and one commit serves them all.

// txReq is one caller's work and its context.
type txReq struct {
	ctx context.Context
	fn  txFunc
}

// runBatch runs the batch in one transaction and returns each request's
// error. When the transaction itself fails, every request fails with it.
func runBatch(db *sql.DB, batch []txReq) []error {
	errs := make([]error, len(batch))
	fail := func(err error) []error {
		for i := range errs {
			if errs[i] == nil {
				errs[i] = err
			}
		}
		return errs
	}
	tx, err := db.BeginTx(context.Background(), nil)
	if err != nil {
		return fail(fmt.Errorf("begin: %w", err))
	}
	for i, r := range batch {
		if errs[i] = r.ctx.Err(); errs[i] != nil {
			continue
		}
		if errs[i], err = runSaved(tx, r); err != nil {
			tx.Rollback()
			return fail(err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fail(fmt.Errorf("commit: %w", err))
	}
	return errs
}

// runSaved runs one request inside a savepoint and returns its error. The
// second error means the transaction is unusable: SQLite rolls a whole
// transaction back on some errors (a full disk, an I/O error), and then
// the savepoint is gone too.
func runSaved(tx *sql.Tx, r txReq) (fnErr, txErr error) {
	ctx := context.WithoutCancel(r.ctx)
	if _, err := tx.ExecContext(ctx, "SAVEPOINT req"); err != nil {
		return nil, fmt.Errorf("savepoint: %w", err)
	}
	fnErr = r.fn(ctx, tx)
	if fnErr != nil {
		if _, err := tx.ExecContext(ctx, "ROLLBACK TO req"); err != nil {
			return fnErr, errors.Join(fnErr, fmt.Errorf("roll back: %w", err))
		}
	}
	if _, err := tx.ExecContext(ctx, "RELEASE req"); err != nil {
		return fnErr, fmt.Errorf("release savepoint: %w", err)
	}
	return fnErr, nil
}
