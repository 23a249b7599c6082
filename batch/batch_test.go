package batch

import (
	"fmt"
	"sync"
	"testing"
	"time"
)

// Requests that arrive while a batch runs go together into the next one,
// in arrival order, and each caller gets its own error.
func TestGroupBatchesWhatArrivesMeanwhile(t *testing.T) {
	hold := make(chan struct{})
	var mu sync.Mutex
	var batches [][]int
	g := New(func(vs []int) []error {
		if vs[0] == 0 {
			<-hold // the first batch runs until the others queued
		}
		mu.Lock()
		batches = append(batches, vs)
		mu.Unlock()
		errs := make([]error, len(vs))
		for i, v := range vs {
			if v%2 == 1 {
				errs[i] = fmt.Errorf("odd %d", v)
			}
		}
		return errs
	})
	first := make(chan error)
	go func() { first <- g.Do(0) }()
	waitFor(t, func() bool { return g.Batches() == 1 })
	const n = 6
	errs := make([]error, n+1)
	var wg sync.WaitGroup
	for v := 1; v <= n; v++ {
		wg.Add(1)
		go func() { defer wg.Done(); errs[v] = g.Do(v) }()
		waitFor(t, func() bool { return g.Queued() == v })
	}
	close(hold)
	if err := <-first; err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	if g.Batches() != 2 || fmt.Sprint(batches) != "[[0] [1 2 3 4 5 6]]" {
		t.Errorf("%d batches %v; want [[0] [1 2 3 4 5 6]]", g.Batches(), batches)
	}
	for v := 1; v <= n; v++ {
		if (errs[v] != nil) != (v%2 == 1) {
			t.Errorf("request %d: err %v", v, errs[v])
		}
	}
}

// One caller alone is a batch of one, and the group is reusable after it.
func TestGroupAlone(t *testing.T) {
	var got []int
	g := New(func(vs []int) []error { got = append(got, vs...); return make([]error, len(vs)) })
	for v := range 3 {
		if err := g.Do(v); err != nil {
			t.Fatal(err)
		}
	}
	if g.Batches() != 3 || fmt.Sprint(got) != "[0 1 2]" {
		t.Errorf("%d batches, ran %v", g.Batches(), got)
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !cond(); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("timed out")
		}
	}
}
