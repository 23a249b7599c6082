package pipeline

import (
	"context"
	"errors"
	"sync"
	"syscall"

	"github.com/rushes/rushes/catalog"
	"github.com/rushes/rushes/offload"
)

// DefaultInFlight is how many files are copied at once from one source
// device: two lets reading the next file overlap verifying the last one,
// without making a card reader seek between many files.
const DefaultInFlight = 2

// offloadAll offloads the plan with a bounded number of files in flight per
// source device. Files planned for the same place are offloaded one after
// the other in plan order, so that clash names (C0001_2.MP4) are
// deterministic. A full destination stops the run: every later file would
// fail the same way; the files already in flight finish.
func (p *Pipeline) offloadAll(ctx context.Context, runID int64, plan []Planned, sum *Summary) error {
	var full error // set on a full destination: no new file starts, in-flight ones finish
	groups := groupByDest(plan)
	perDevice := p.opts.InFlight
	if perDevice <= 0 {
		perDevice = DefaultInFlight
	}
	var mu sync.Mutex // guards sum and the device semaphores
	sems := map[uint64]chan struct{}{}
	sem := func(dev uint64) chan struct{} {
		mu.Lock()
		defer mu.Unlock()
		if sems[dev] == nil {
			sems[dev] = make(chan struct{}, perDevice)
		}
		return sems[dev]
	}
	jobs := make(chan []Planned)
	var wg sync.WaitGroup
	for w := 0; w < min(len(groups), 4*perDevice); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for g := range jobs {
				for _, pl := range g {
					mu.Lock()
					stop := full != nil
					mu.Unlock()
					if stop || ctx.Err() != nil {
						break
					}
					s := sem(deviceOf(pl.Path))
					s <- struct{}{}
					state, n, err := p.offloadOne(ctx, runID, pl)
					<-s
					p.obs.Finished(pl, state, err)
					mu.Lock()
					sum.add(pl, state, n, err)
					if errors.Is(err, offload.ErrNoSpace) && full == nil {
						full = err
					}
					mu.Unlock()
				}
			}
		}()
	}
	for _, g := range groups {
		if ctx.Err() != nil {
			break
		}
		jobs <- g
	}
	close(jobs)
	wg.Wait()
	if full != nil {
		return full
	}
	return ctx.Err()
}

func (s *Summary) add(pl Planned, state string, n int64, err error) {
	switch state {
	case catalog.StateKnown:
		s.Known++
	case catalog.StateVerified:
		s.Copied++
		s.Bytes += n
	default:
		s.Failed++
		s.Failures = append(s.Failures, Failure{pl.Path, err})
	}
}

// groupByDest keeps plan order and puts files planned for one place together.
func groupByDest(plan []Planned) [][]Planned {
	index := map[string]int{}
	var groups [][]Planned
	for _, pl := range plan {
		i, ok := index[pl.Dest]
		if !ok {
			i = len(groups)
			index[pl.Dest] = i
			groups = append(groups, nil)
		}
		groups[i] = append(groups[i], pl)
	}
	return groups
}

func deviceOf(path string) uint64 {
	var st syscall.Stat_t
	if err := syscall.Stat(path, &st); err != nil {
		return 0
	}
	return uint64(st.Dev)
}
