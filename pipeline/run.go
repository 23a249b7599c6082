package pipeline

import (
	"context"
	"errors"
	"sync"
	"syscall"

	"github.com/rushes/rushes/catalog"
	"github.com/rushes/rushes/offload"
)

// DefaultInFlight is how many large files are read at once from one source
// device. A file leaves the count when its source has been read, while its
// copies are still flushed and read back, so that the card keeps being read
// while the last file is verified; two keep a card reader busy without
// making it seek between many files.
const DefaultInFlight = 2

// A file under smallFile bytes is small: offloading it is mostly waiting
// for fsyncs and catalog commits, not moving bytes, and a card serves it in
// one read. The waits are shared by the files that wait at once (the run's
// offload.Flusher, the catalog's group commit), so SmallPerLarge times as
// many files as InFlight may be read at once per device as long as only
// InFlight of them are large.
//
// A small file spends most of its offload after its source is read: in
// the flush it shares, its read-back, its catalog commit. So workersPerSlot
// times as many clips are worked on at once as files may be read: the more
// copies wait for a flush together, the fewer flushes each waits behind
// (on one VM disk, 6% off a 1 GB card's ingest). Each costs at most one
// read-back buffer (offload's 1 MiB) while it waits.
const (
	smallFile      = 16 << 20
	SmallPerLarge  = 16
	workersPerSlot = 4
)

// offloadRun is what the files of one run share while they are offloaded:
// the run in the journal, the slots of the source devices, and the
// flusher that syncs their copies together.
type offloadRun struct {
	runID   int64
	horizon int64 // sources are duplicates by content only of files recorded before the run
	slots   *deviceSlots
	flusher *offload.Flusher
}

// offloadAll offloads the plan with a bounded number of files read at once
// per source device. Clips planned for the same place are offloaded one after
// the other in plan order, so that clash names (C0001_2.MP4) are
// deterministic. A full destination stops the run: every later file would
// fail the same way; the files already in flight finish.
func (p *Pipeline) offloadAll(ctx context.Context, runID int64, plan []PlannedClip, sum *Summary) error {
	var full error // set on a full destination: no new file starts, in-flight ones finish
	groups := groupByDest(plan)
	perDevice := p.opts.InFlight
	if perDevice <= 0 {
		perDevice = DefaultInFlight
	}
	var mu sync.Mutex // guards sum
	horizon, err := p.cat.ContentHorizon(ctx)
	if err != nil {
		return err
	}
	r := &offloadRun{runID: runID, horizon: horizon, slots: newDeviceSlots(perDevice), flusher: offload.NewFlusher()}
	jobs := make(chan []PlannedClip)
	var wg sync.WaitGroup
	for w := 0; w < min(len(groups), workersPerSlot*SmallPerLarge*perDevice); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for g := range jobs {
				for _, pc := range g {
					mu.Lock()
					stop := full != nil
					mu.Unlock()
					if stop || ctx.Err() != nil {
						break
					}
					outs := p.offloadClip(ctx, r, pc)
					mu.Lock()
					for _, o := range outs {
						sum.add(o)
						if errors.Is(o.err, offload.ErrNoSpace) && full == nil {
							full = o.err
						}
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

// deviceSlots bounds the files whose source is read at once per device:
// perDevice large ones, SmallPerLarge*perDevice in all.
type deviceSlots struct {
	perDevice int
	mu        sync.Mutex
	large     map[uint64]chan struct{}
	all       map[uint64]chan struct{}
}

func newDeviceSlots(perDevice int) *deviceSlots {
	return &deviceSlots{perDevice: perDevice, large: map[uint64]chan struct{}{}, all: map[uint64]chan struct{}{}}
}

// hold waits for a slot to read the source file at path, of size bytes,
// and returns its release, which may be called more than once.
func (s *deviceSlots) hold(path string, size int64) (release func()) {
	return sync.OnceFunc(s.take(deviceOf(path), size >= smallFile))
}

// take waits for a slot on dev and returns its release. A large file takes
// a large slot before its slot in all, always in that order, so that two
// takers never wait on each other.
func (s *deviceSlots) take(dev uint64, large bool) (release func()) {
	s.mu.Lock()
	if s.all[dev] == nil {
		s.large[dev] = make(chan struct{}, s.perDevice)
		s.all[dev] = make(chan struct{}, SmallPerLarge*s.perDevice)
	}
	l, a := s.large[dev], s.all[dev]
	s.mu.Unlock()
	if large {
		l <- struct{}{}
	}
	a <- struct{}{}
	return func() {
		<-a
		if large {
			<-l
		}
	}
}

func (s *Summary) add(o fileOutcome) {
	switch o.state {
	case catalog.StateKnown:
		s.Known++
	case catalog.StateVerified:
		s.Copied++
		s.Bytes += o.res.Size
	default:
		s.Failed++
		s.Failures = append(s.Failures, Failure{o.Path, o.err})
	}
	if final := o.finalPath(); o.state == catalog.StateVerified && final != "" && final != o.Dest {
		s.Renamed = append(s.Renamed, Renamed{Source: o.Path, Planned: o.Dest, Final: final})
	}
	for _, d := range o.res.Dests {
		if d.Err == nil && d.Path != "" && !d.AlreadyThere {
			s.Written = append(s.Written, Written{Path: d.Path, Size: o.res.Size, Hash: o.res.Hash, Mtime: o.Mtime})
		}
	}
}

// groupByDest keeps plan order and puts together the clips that share a
// place for any of their files, so that they are offloaded one after the
// other and clash names are deterministic.
func groupByDest(plan []PlannedClip) [][]PlannedClip {
	owner := map[string]int{} // dest -> group
	parent := make([]int, len(plan))
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for i, pc := range plan {
		parent[i] = i
		for _, f := range pc.Files {
			if j, ok := owner[f.Dest]; ok {
				a, b := find(i), find(j)
				parent[max(a, b)] = min(a, b)
			} else {
				owner[f.Dest] = i
			}
		}
	}
	index := map[int]int{}
	var groups [][]PlannedClip
	for i, pc := range plan {
		r := find(i)
		g, ok := index[r]
		if !ok {
			g = len(groups)
			index[r] = g
			groups = append(groups, nil)
		}
		groups[g] = append(groups[g], pc)
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
