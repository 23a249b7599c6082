package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// groupTest is a catalog with a scratch table for the group commit tests.
func groupTest(t *testing.T) *Catalog {
	t.Helper()
	c, _ := openTest(t)
	err := c.writeTx(context.Background(), func(ctx context.Context, tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `CREATE TABLE scratch (k TEXT PRIMARY KEY)`)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func insert(k string) txFunc {
	return func(ctx context.Context, tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO scratch (k) VALUES (?)`, k)
		return err
	}
}

func scratchKeys(t *testing.T, c *Catalog) map[string]bool {
	t.Helper()
	rows, err := c.read.Query(`SELECT k FROM scratch`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	keys := map[string]bool{}
	for rows.Next() {
		var k string
		rows.Scan(&k)
		keys[k] = true
	}
	return keys
}

// holdBatch starts a write that stays in its transaction until the
// returned release is called, and waits until n more writes queue behind it.
func holdBatch(t *testing.T, c *Catalog, n int) (queue func(), release func() error) {
	t.Helper()
	hold, started := make(chan struct{}), make(chan struct{})
	errc := make(chan error, 1)
	go func() {
		errc <- c.writeTx(context.Background(), func(ctx context.Context, tx *sql.Tx) error {
			close(started)
			<-hold
			return insert("lead")(ctx, tx)
		})
	}()
	<-started
	queue = func() {
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
			if c.group.Queued() == n {
				return
			}
		}
		t.Fatalf("%d writes never queued", n)
	}
	return queue, func() error { close(hold); return <-errc }
}

// Writes that arrive while a transaction runs commit together in the next
// one; a write that fails or whose context ends changes nothing, and the
// others in its batch still commit.
func TestGroupCommitBatchesAndIsolates(t *testing.T) {
	c := groupTest(t)
	before := c.group.Batches()
	const n = 10
	queued, release := holdBatch(t, c, n)
	errs := make([]error, n)
	ctxs := make([]context.Context, n)
	for i := range ctxs {
		ctxs[i] = context.Background()
	}
	gone, cancel := context.WithCancel(context.Background())
	ctxs[5] = gone
	boom := errors.New("boom")
	var wg sync.WaitGroup
	for i := range n {
		fn := insert(fmt.Sprint("k", i))
		if i == 3 {
			fn = func(ctx context.Context, tx *sql.Tx) error {
				insert("k3")(ctx, tx) // written, then rolled back with its savepoint
				return boom
			}
		}
		wg.Add(1)
		go func() { defer wg.Done(); errs[i] = c.writeTx(ctxs[i], fn) }()
	}
	queued()
	cancel()
	if err := release(); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	if got := c.group.Batches() - before; got != 2 {
		t.Errorf("%d transactions; want 2 (the held one, then the %d queued together)", got, n)
	}
	keys := scratchKeys(t, c)
	for i := range n {
		k := fmt.Sprint("k", i)
		switch i {
		case 3:
			if !errors.Is(errs[i], boom) || keys[k] {
				t.Errorf("failing write: err %v, row kept %v", errs[i], keys[k])
			}
		case 5:
			if !errors.Is(errs[i], context.Canceled) || keys[k] {
				t.Errorf("cancelled write: err %v, row kept %v", errs[i], keys[k])
			}
		default:
			if errs[i] != nil || !keys[k] {
				t.Errorf("write %d: err %v, row kept %v", i, errs[i], keys[k])
			}
		}
	}
	if !keys["lead"] {
		t.Error("the held write was lost")
	}
}

// A write that ends the shared transaction (as SQLite does itself on a full
// disk) fails its whole batch: no caller is told its write committed when
// it did not, and the catalog goes on working.
func TestGroupCommitFailsTheBatchWhenTheTransactionEnds(t *testing.T) {
	c := groupTest(t)
	queued, release := holdBatch(t, c, 3)
	errs := make([]error, 3)
	fns := []txFunc{insert("a"), func(ctx context.Context, tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `ROLLBACK`)
		return err
	}, insert("c")}
	var wg sync.WaitGroup
	for i, fn := range fns {
		wg.Add(1)
		go func() { defer wg.Done(); errs[i] = c.writeTx(context.Background(), fn) }()
		// queue in order, so "a" runs before the rollback
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
			if c.group.Queued() == i+1 {
				break
			}
		}
	}
	queued()
	if err := release(); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	for i, err := range errs {
		if err == nil {
			t.Errorf("write %d reported committed in a transaction that was rolled back", i)
		}
	}
	keys := scratchKeys(t, c)
	if keys["a"] || keys["c"] {
		t.Errorf("rows of the failed batch kept: %v", keys)
	}
	if err := c.writeTx(context.Background(), insert("after")); err != nil {
		t.Fatalf("catalog unusable after a failed batch: %v", err)
	}
	if !scratchKeys(t, c)["after"] {
		t.Error("write after the failed batch lost")
	}
}

// Sync flushes the log, the database and their folder; a cancelled
// context stops it before it starts.
func TestSync(t *testing.T) {
	c := groupTest(t)
	ctx := context.Background()
	if _, err := os.Stat(c.path + "-wal"); err != nil {
		t.Fatalf("no write-ahead log to sync: %v", err)
	}
	if !c.dirty.Load() {
		t.Fatal("a commit did not mark the catalog for the next Sync")
	}
	if err := c.Sync(ctx); err != nil {
		t.Fatalf("sync: %v", err)
	}
	if c.dirty.Load() {
		t.Fatal("still marked after Sync")
	}
	if err := c.writeTx(ctx, insert("x")); err != nil || !c.dirty.Load() {
		t.Fatalf("a commit after Sync: err %v, marked %v", err, c.dirty.Load())
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if err := c.Sync(cancelled); !errors.Is(err, context.Canceled) {
		t.Fatalf("sync cancelled: %v", err)
	}
	if err := syncPath(filepath.Join(t.TempDir(), "gone-wal")); err != nil {
		t.Errorf("a missing log: %v; want nothing to sync", err)
	}
}
