package probe

import (
	"context"
	"runtime"
	"sync"

	"github.com/rushes/rushes/media"
	"github.com/rushes/rushes/probe/sidecar"
)

// Target is one file to probe and the card or folder it was found under.
type Target struct {
	Path string
	Root string
}

// Result is the outcome of probing one Target.
type Result struct {
	Facts media.Facts
	Err   error // the file could not be opened at all
}

// Files probes targets in parallel (reading headers is I/O-latency bound)
// and returns the results in the targets' order.
func (p *Prober) Files(ctx context.Context, targets []Target, workers int) []Result {
	if workers <= 0 {
		workers = 2 * runtime.NumCPU()
	}
	out := make([]Result, len(targets))
	folders := new(sidecar.Folders) // each folder listed once for all its files
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f, err := p.file(ctx, targets[i].Path, targets[i].Root, folders)
				out[i] = Result{Facts: f, Err: err}
			}
		}()
	}
	for i := range targets {
		if ctx.Err() != nil {
			out[i].Err = ctx.Err()
			continue
		}
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}
