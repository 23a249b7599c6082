package media

import (
	"fmt"
	"math"
)

// Rate is a frame rate as a ratio, so that 23.976 is exactly 24000/1001.
type Rate struct {
	Num int64
	Den int64
}

// Common rates.
var (
	Rate23976 = Rate{24000, 1001}
	Rate24    = Rate{24, 1}
	Rate25    = Rate{25, 1}
	Rate2997  = Rate{30000, 1001}
	Rate30    = Rate{30, 1}
)

// IsZero reports an unknown rate.
func (r Rate) IsZero() bool { return r.Num <= 0 || r.Den <= 0 }

// Float returns the rate in frames per second, 0 when unknown.
func (r Rate) Float() float64 {
	if r.IsZero() {
		return 0
	}
	return float64(r.Num) / float64(r.Den)
}

// Nominal is the integer frame count a timecode counts to in one second:
// 24 for 23.976, 30 for 29.97.
func (r Rate) Nominal() int {
	return int(math.Round(r.Float()))
}

// String prints the rate as editors write it: "25", "23.976", "29.97".
func (r Rate) String() string {
	if r.IsZero() {
		return ""
	}
	f := r.Float()
	if f == math.Trunc(f) {
		return fmt.Sprintf("%d", int64(f))
	}
	s := fmt.Sprintf("%.3f", f)
	for s[len(s)-1] == '0' {
		s = s[:len(s)-1]
	}
	return s
}

// RateFromFloat maps a decimal rate to its exact ratio, recognising the
// NTSC family (23.976, 29.97, 47.952, 59.94, 119.88).
func RateFromFloat(f float64) Rate {
	if f <= 0 || math.IsNaN(f) || math.IsInf(f, 0) || f > 10000 {
		return Rate{}
	}
	n := math.Round(f)
	if math.Abs(f-n) < 0.0005 {
		return Rate{int64(n), 1}
	}
	ntsc := math.Round(f * 1.001)
	if math.Abs(f-ntsc*1000/1001) < 0.005 {
		return Rate{int64(ntsc) * 1000, 1001}
	}
	return Rate{int64(math.Round(f * 1000)), 1000}
}

// Timecode is a position counted in frames at a rate; Drop marks
// drop-frame counting (29.97 and 59.94 only).
type Timecode struct {
	Frames int64
	Rate   Rate
	Drop   bool
}

// String formats HH:MM:SS:FF, with ';' before the frames for drop-frame.
// Hours wrap at 24 as timecode does.
func (tc Timecode) String() string {
	nom := int64(tc.Rate.Nominal())
	if nom <= 0 {
		return ""
	}
	frames := tc.Frames
	if frames < 0 {
		frames = 0
	}
	sep := ":"
	if tc.Drop && nom%30 == 0 {
		frames = dropFrameLabel(frames, nom)
		sep = ";"
	}
	ff := frames % nom
	secs := frames / nom
	return fmt.Sprintf("%02d:%02d:%02d%s%02d", (secs/3600)%24, (secs/60)%60, secs%60, sep, ff)
}

// dropFrameLabel converts a real frame count into the count the drop-frame
// label shows: labels ;00 and ;01 (;00-;03 at 59.94) are skipped each minute
// except every tenth.
func dropFrameLabel(frames, nom int64) int64 {
	drop := nom / 15 // 2 at 30, 4 at 60
	per10 := nom*600 - drop*9
	perMin := nom*60 - drop
	d, m := frames/per10, frames%per10
	if m > drop {
		return frames + drop*9*d + drop*((m-drop)/perMin)
	}
	return frames + drop*9*d
}

// Seconds returns the timecode's position in real seconds.
func (tc Timecode) Seconds() float64 {
	if tc.Rate.IsZero() {
		return 0
	}
	return float64(tc.Frames) * float64(tc.Rate.Den) / float64(tc.Rate.Num)
}

// TimecodeFromSamples turns a sample count since midnight (BWF TimeReference)
// into a timecode: frames = floor(seconds × real rate), counted at the
// nominal rate. This reproduces the start timecodes sound reports print.
func TimecodeFromSamples(samples uint64, sampleRate int, rate Rate, drop bool) (Timecode, bool) {
	if sampleRate <= 0 || rate.IsZero() {
		return Timecode{}, false
	}
	// frames = samples * Num / (sampleRate * Den), in big-safe arithmetic.
	s := float64(samples) / float64(sampleRate)
	frames := int64(math.Floor(s*float64(rate.Num)/float64(rate.Den) + 1e-9))
	return Timecode{Frames: frames, Rate: rate, Drop: drop}, true
}

// ParseTimecode reads "HH:MM:SS:FF" (";" or "." before the frames for
// drop-frame) at rate.
func ParseTimecode(s string, rate Rate) (Timecode, bool) {
	nom := int64(rate.Nominal())
	if nom <= 0 || len(s) != 11 {
		return Timecode{}, false
	}
	var n [4]int64
	for i := 0; i < 4; i++ {
		a, b := s[i*3], s[i*3+1]
		if a < '0' || a > '9' || b < '0' || b > '9' || (i < 3 && s[i*3+2] != ':' && !(i == 2 && (s[8] == ';' || s[8] == '.'))) {
			return Timecode{}, false
		}
		n[i] = int64(a-'0')*10 + int64(b-'0')
	}
	if n[1] > 59 || n[2] > 59 || n[3] >= nom {
		return Timecode{}, false
	}
	drop := s[8] == ';' || s[8] == '.'
	frames := ((n[0]*60+n[1])*60+n[2])*nom + n[3]
	if drop && nom%30 == 0 {
		d := nom / 15
		mins := n[0]*60 + n[1]
		frames -= d * (mins - mins/10)
	}
	return Timecode{Frames: frames, Rate: rate, Drop: drop}, true
}
