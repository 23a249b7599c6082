package pipeline

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/rushes/rushes/media"
	"github.com/rushes/rushes/offload"
)

// ErrNoRoom is a run refused before a byte was copied: a destination has
// not the room for the whole drop.
var ErrNoRoom = errors.New("not enough space")

// Block rounding and the margin a preflight adds to a drop's bytes: each
// file takes whole blocks, and the catalog and the ASC MHL generation are
// written beside the copies.
const (
	preflightBlock  = 4096
	preflightMargin = 256 << 10
)

// need is what one destination must take for a plan.
type need struct {
	root  string
	bytes int64
	files int
}

// preflight checks, before a card is copied, that every destination can be
// written and has room for every file of the plan it lacks (with a
// margin), adding up destinations that share a file system; it refuses the
// whole run naming the destination and the shortfall, so that no card is
// left half offloaded on a full disk. A destination on a source's own
// device is a warning: it is no second copy of the card.
func (p *Pipeline) preflight(ctx context.Context, plan []PlannedClip) error {
	needs := p.needs(ctx, plan)
	var errs []error
	for _, n := range needs {
		if err := offload.CheckWritable(n.root); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	for _, group := range sameDisk(needs) {
		var total int64
		var files int
		for _, n := range group {
			total += n.bytes
			files += n.files
		}
		if total == 0 {
			continue
		}
		total += preflightMargin + total/200
		free, err := offload.FreeSpace(group[0].root)
		if errors.Is(err, offload.ErrSpaceUnknown) {
			p.log.Warn("free space unknown: the copy will stop cleanly if the disk fills", "destination", group[0].root)
			continue
		}
		if err != nil {
			return err
		}
		if free < total {
			return fmt.Errorf("%w on %s for this drop: it needs %s (%d files and a margin), %s is free: short by %s; free space there or choose another destination, then ingest again (nothing was copied)",
				ErrNoRoom, group[0].root, media.Bytes(total), files, media.Bytes(free), media.Bytes(total-free))
		}
	}
	p.warnSameDevice(plan)
	return nil
}

// needs are the bytes each destination lacks: every planned file not
// known to the catalog already, nor at its place there with its size.
func (p *Pipeline) needs(ctx context.Context, plan []PlannedClip) []need {
	roots := append([]string{p.opts.Library}, p.opts.Backups...)
	out := make([]need, len(roots))
	for i, r := range roots {
		out[i].root = r
	}
	for _, pc := range plan {
		for _, f := range pc.Files {
			dest := f.Dest
			known, ok, _ := p.cat.KnownSource(ctx, f.Path, f.Size, f.Mtime)
			if ok {
				dest = known.Path
			}
			dsts, err := p.destinations(dest)
			if err != nil {
				continue
			}
			for i, d := range dsts {
				if (i == 0 && ok) || sizeIs(d, f.Size) {
					continue
				}
				out[i].bytes += (f.Size + preflightBlock - 1) / preflightBlock * preflightBlock
				out[i].files++
			}
		}
	}
	return out
}

func sizeIs(path string, size int64) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Size() == size
}

// sameDisk groups destinations on one file system: their needs add up.
func sameDisk(needs []need) [][]need {
	var groups [][]need
next:
	for _, n := range needs {
		for gi, g := range groups {
			if same, err := offload.SameDevice(g[0].root, n.root); err == nil && same {
				groups[gi] = append(g, n)
				continue next
			}
		}
		groups = append(groups, []need{n})
	}
	return groups
}

// warnSameDevice says when a destination lies on a card's own device.
func (p *Pipeline) warnSameDevice(plan []PlannedClip) {
	seen := map[string]bool{}
	for _, pc := range plan {
		root := pc.Files[0].Root
		if seen[root] {
			continue
		}
		seen[root] = true
		for _, d := range append([]string{p.opts.Library}, p.opts.Backups...) {
			if same, err := offload.SameDevice(root, d); err == nil && same {
				p.log.Warn("a destination is on the same device as the card: it is no second copy of it", "destination", d, "card", root)
			}
		}
	}
}
