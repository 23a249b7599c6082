package qt

import (
	"math"

	"github.com/rushes/rushes/media"
)

// deltas tallies sample durations. The frame rate is the timescale over the
// most common duration; the mean is the fallback for writers whose
// millisecond timescales cannot hold 1001-based durations exactly.
type deltas struct {
	samples uint64
	units   float64
	common  [16]struct {
		delta uint32
		count uint64
	}
}

func (d *deltas) add(count uint64, delta uint32) {
	if count == 0 {
		return
	}
	d.samples = satAdd(d.samples, count)
	d.units += float64(count) * float64(delta)
	for i := range d.common {
		c := &d.common[i]
		if c.count == 0 || c.delta == delta {
			c.delta = delta
			c.count = satAdd(c.count, count)
			return
		}
	}
	// More distinct durations than slots: variable frame rate; the mean covers it.
}

func (d *deltas) dominant() uint32 {
	var best uint32
	var most uint64
	for _, c := range d.common {
		if c.count > most && c.delta > 0 {
			best, most = c.delta, c.count
		}
	}
	return best
}

// units as an integer, for durations.
func (d *deltas) total() uint64 {
	if d.units >= math.MaxUint64 {
		return math.MaxUint64
	}
	return uint64(d.units)
}

// rate is timescale ÷ the dominant duration, kept exact when it is a whole
// or 1001-based rate, otherwise snapped to the rate it approximates.
func (d *deltas) rate(timescale uint32) media.Rate {
	r := exactRate(uint64(timescale), uint64(d.dominant()))
	if r.IsZero() || r.Den == 1 || r.Den == 1001 || d.units == 0 {
		return r
	}
	mean := media.RateFromFloat(float64(timescale) * float64(d.samples) / d.units)
	if mean.Den == 1 || mean.Den == 1001 {
		return mean
	}
	return r
}

// exactRate reduces num/den, snapping approximations such as 2997/100 or
// 1000/33 with media.RateFromFloat.
func exactRate(num, den uint64) media.Rate {
	if num == 0 || den == 0 {
		return media.Rate{}
	}
	g := gcd(num, den)
	n, d := num/g, den/g
	if d == 1 || d == 1001 {
		return media.Rate{Num: int64(n), Den: int64(d)}
	}
	return media.RateFromFloat(float64(num) / float64(den))
}

func gcd(a, b uint64) uint64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

func satAdd(a, b uint64) uint64 {
	if a > math.MaxUint64-b {
		return math.MaxUint64
	}
	return a + b
}
