package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
)

// txFunc is one caller's work in a write transaction. It must use the ctx
// it is given, never its caller's: a statement interrupted by a cancelled
// context could roll back the whole shared transaction.
type txFunc func(ctx context.Context, tx *sql.Tx) error

// groupCommit batches the write transactions of concurrent callers into
// one SQLite transaction. Offloading many small files, each file records a
// journal entry and a clip; one commit each made the single writer the
// bottleneck. Each caller's work runs in its own savepoint, so one that
// fails rolls back only its own changes, and one commit serves them all.
// The first caller to find no batch in progress runs everything queued.
type groupCommit struct {
	mu      sync.Mutex
	cond    *sync.Cond // signalled when a batch ends
	queue   []*txReq
	running bool
	batches int // transactions run, for tests
}

type txReq struct {
	ctx  context.Context
	fn   txFunc
	err  error
	done bool // guarded by groupCommit.mu once queued
}

func newGroupCommit() *groupCommit {
	g := &groupCommit{}
	g.cond = sync.NewCond(&g.mu)
	return g
}

// do runs fn in a write transaction on db, alone or batched with others,
// and returns once that transaction committed or failed.
func (g *groupCommit) do(ctx context.Context, db *sql.DB, fn txFunc) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	r := &txReq{ctx: ctx, fn: fn}
	g.mu.Lock()
	defer g.mu.Unlock()
	g.queue = append(g.queue, r)
	for !r.done {
		if g.running {
			g.cond.Wait()
			continue
		}
		batch := g.queue
		g.queue, g.running = nil, true
		g.batches++
		g.mu.Unlock()
		errs := runBatch(db, batch)
		g.mu.Lock()
		for i, b := range batch {
			b.err, b.done = errs[i], true
		}
		g.running = false
		g.cond.Broadcast()
	}
	return r.err
}

// runBatch runs the batch in one transaction and returns each request's
// error. When the transaction itself fails, every request fails with it.
func runBatch(db *sql.DB, batch []*txReq) []error {
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
func runSaved(tx *sql.Tx, r *txReq) (fnErr, txErr error) {
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
