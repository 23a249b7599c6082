// Package batch runs requests that arrive together as one batch: while a
// batch runs, new requests queue, and the first caller to find no batch
// running runs everything queued (group commit). It owns no goroutine and
// knows nothing of what the requests do; the catalog batches transactions
// with it, offload batches fsyncs.
package batch

import "sync"

// Group batches the requests of concurrent callers. Every request in a
// batch was queued before the batch started, so a batch that ran after a
// caller's change (a rename, an insert) covers it.
type Group[T any] struct {
	run     func([]T) []error
	mu      sync.Mutex
	cond    *sync.Cond // signalled when a batch ends
	queue   []*request[T]
	running bool
	batches int
}

type request[T any] struct {
	v    T
	err  error
	done bool
}

// New returns a Group whose batches run calls with the queued values in
// arrival order; run returns one error for each.
func New[T any](run func([]T) []error) *Group[T] {
	g := &Group[T]{run: run}
	g.cond = sync.NewCond(&g.mu)
	return g
}

// Do queues v and waits until a batch holding it ran, returning v's error.
func (g *Group[T]) Do(v T) error {
	r := &request[T]{v: v}
	g.mu.Lock()
	defer g.mu.Unlock()
	g.queue = append(g.queue, r)
	for !r.done {
		if g.running {
			g.cond.Wait()
			continue
		}
		reqs := g.queue
		g.queue, g.running = nil, true
		g.batches++
		g.mu.Unlock()
		errs := g.runAll(reqs)
		g.mu.Lock()
		for i, q := range reqs {
			q.err, q.done = errs[i], true
		}
		g.running = false
		g.cond.Broadcast()
	}
	return r.err
}

// runAll runs one batch and returns each request's error.
func (g *Group[T]) runAll(reqs []*request[T]) []error {
	vs := make([]T, len(reqs))
	for i, q := range reqs {
		vs[i] = q.v
	}
	errs := g.run(vs)
	if len(errs) != len(vs) {
		panic("batch: run returned the wrong number of errors")
	}
	return errs
}

// Queued is how many requests wait for the next batch.
func (g *Group[T]) Queued() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return len(g.queue)
}

// Batches is how many batches have run.
func (g *Group[T]) Batches() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.batches
}
