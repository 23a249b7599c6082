package export

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/rushes/rushes/catalog"
	"github.com/rushes/rushes/media"
)

// ErrNoFrameRate means a timecode had to be written and neither the clips nor
// the options gave a frame rate to count it in.
var ErrNoFrameRate = errors.New("no frame rate: the clips carry none; set the project fps")

// parseTimecode reads "HH:MM:SS:FF" counted at rate; a ';' anywhere marks
// drop-frame, honoured at 29.97 and 59.94 only (as media.Timecode prints it).
// It rejects labels drop-frame skips, such as 00:01:00;00.
func parseTimecode(s string, rate media.Rate) (media.Timecode, error) {
	nom := int64(rate.Nominal())
	if nom <= 0 {
		return media.Timecode{}, fmt.Errorf("timecode %q: no frame rate", s)
	}
	fields := strings.FieldsFunc(strings.TrimSpace(s), func(r rune) bool { return r == ':' || r == ';' })
	if len(fields) != 4 {
		return media.Timecode{}, fmt.Errorf("timecode %q: want HH:MM:SS:FF", s)
	}
	var v [4]int64
	for i, f := range fields {
		n, err := strconv.ParseUint(f, 10, 8)
		if err != nil || len(f) > 3 {
			return media.Timecode{}, fmt.Errorf("timecode %q: %q is not a number", s, f)
		}
		v[i] = int64(n)
	}
	hh, mm, ss, ff := v[0], v[1], v[2], v[3]
	if hh > 23 || mm > 59 || ss > 59 || ff >= nom {
		return media.Timecode{}, fmt.Errorf("timecode %q: out of range at %s fps", s, rate)
	}
	drop := strings.ContainsRune(s, ';') && nom%30 == 0
	frames := ((hh*60+mm)*60+ss)*nom + ff
	if drop {
		skip := nom / 15 // labels skipped each minute: 2 at 29.97, 4 at 59.94
		if ss == 0 && ff < skip && mm%10 != 0 {
			return media.Timecode{}, fmt.Errorf("timecode %q: drop-frame skips this label", s)
		}
		minutes := hh*60 + mm
		frames -= skip * (minutes - minutes/10)
	}
	return media.Timecode{Frames: frames, Rate: rate, Drop: drop}, nil
}

// clipTime is a clip's place in time, counted in frames at one rate.
type clipTime struct {
	Rate   media.Rate
	Start  media.Timecode
	Frames int64 // duration; 0 when unknown
	// What had to be assumed, for warnings.
	RateAssumed bool  // Rate is the fallback, the clip had none
	NoTC        bool  // the clip has no start timecode: Start is 00:00:00:00
	TCErr       error // the clip's timecode could not be read: Start is 00:00:00:00
}

// End is the first frame after the clip, Avid's (exclusive) End.
func (t clipTime) End() media.Timecode {
	return media.Timecode{Frames: t.Start.Frames + t.Frames, Rate: t.Rate, Drop: t.Start.Drop}
}

// timeClip counts a clip's timecode and duration at its own rate, or at
// fallback when it has none. ok is false when there is no rate at all.
func timeClip(c catalog.Clip, fallback media.Rate) (t clipTime, ok bool) {
	t.Rate = c.Rate
	if t.Rate.IsZero() {
		t.Rate, t.RateAssumed = fallback, true
	}
	if t.Rate.IsZero() {
		return clipTime{}, false
	}
	t.Start = media.Timecode{Rate: t.Rate}
	switch tc, err := parseTimecode(c.TCStart, t.Rate); {
	case strings.TrimSpace(c.TCStart) == "":
		t.NoTC = true
	case err != nil:
		t.TCErr = err
	default:
		t.Start = tc
	}
	t.Frames = durationFrames(c.Duration, t.Rate)
	return t, true
}

// durationFrames is a duration in seconds as a whole number of frames.
func durationFrames(sec float64, r media.Rate) int64 {
	if sec <= 0 || r.IsZero() || math.IsNaN(sec) || math.IsInf(sec, 0) {
		return 0
	}
	return int64(math.Round(sec * float64(r.Num) / float64(r.Den)))
}

// rateCount tallies frame rates in the order they first appear, so that a tie
// goes to the earlier clip and output stays stable.
type rateCount struct {
	rates []media.Rate
	n     map[media.Rate]int
}

func (rc *rateCount) add(r media.Rate) {
	if r.IsZero() {
		return
	}
	r = reduceRate(r)
	if rc.n == nil {
		rc.n = map[media.Rate]int{}
	}
	if rc.n[r] == 0 {
		rc.rates = append(rc.rates, r)
	}
	rc.n[r]++
}

// most returns the most common rate, zero when none was added.
func (rc *rateCount) most() media.Rate {
	var best media.Rate
	for _, r := range rc.rates {
		if rc.n[r] > rc.n[best] {
			best = r
		}
	}
	return best
}

// summary says which rates how many clips have: "25 (3 clips), 23.976 (1 clip)".
func (rc *rateCount) summary() string {
	parts := make([]string, len(rc.rates))
	for i, r := range rc.rates {
		parts[i] = fmt.Sprintf("%s (%d %s)", r, rc.n[r], plural(rc.n[r], "clip", "clips"))
	}
	return strings.Join(parts, ", ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// reduceRate makes equal rates compare equal: 48/2 is 24/1.
func reduceRate(r media.Rate) media.Rate {
	g := gcd(r.Num, r.Den)
	return media.Rate{Num: r.Num / g, Den: r.Den / g}
}

func gcd(a, b int64) int64 {
	if a < 0 {
		a = -a
	}
	if b < 0 {
		b = -b
	}
	for b != 0 {
		a, b = b, a%b
	}
	if a == 0 {
		return 1
	}
	return a
}
