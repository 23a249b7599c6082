package sidecar

import (
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"

	"github.com/rushes/rushes/media"
)

// parseFps reads Sony's frame rate notation: "29.97p", "25p", "23.98p",
// "59.94i", "50i". An interlaced rate counts fields, so the frame rate is
// half of it: 59.94i is 29.97 frames a second.
func parseFps(s string) (rate media.Rate, interlaced bool, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return media.Rate{}, false, false
	}
	switch s[len(s)-1] {
	case 'i', 'I':
		interlaced = true
		s = s[:len(s)-1]
	case 'p', 'P':
		s = s[:len(s)-1]
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 1 || f > 1000 {
		return media.Rate{}, false, false
	}
	if interlaced {
		f /= 2
	}
	r := media.RateFromFloat(f)
	return r, interlaced, !r.IsZero()
}

// timecode reads the start timecode from the first LtcChange.
func (raw *sonyRaw) timecode(s *Sony, w *warnings) {
	if raw.tcFps != "" {
		n, err := strconv.Atoi(raw.tcFps)
		if err != nil || n <= 0 || n > 120 {
			w.add("LtcChangeTable tcFps %q is not a timecode rate", raw.tcFps)
		} else {
			s.TCFps = n
		}
	}
	s.HalfStep = strings.EqualFold(raw.halfStep, "true")
	if raw.ltcValue == "" {
		return
	}
	tc, err := ltcTimecode(raw.ltcValue, s.TCFps, s.Rate)
	if err != nil {
		w.add("LtcChange frameCount %s value %q: %v", raw.ltcFrame, raw.ltcValue, err)
		return
	}
	if !tc.Rate.IsZero() && s.Rate.IsZero() {
		w.add("timecode rate taken as %s from tcFps alone: no formatFps", tc.Rate)
	}
	s.Timecode = &tc
}

// ltcTimecode decodes an LtcChange value: four BCD bytes as eight hex
// digits in the order frames, seconds, minutes, hours. In the frames byte,
// 0x40 is the drop-frame flag and 0x80 the colour-frame flag; the other
// bytes' high bits are LTC flags too, masked off.
func ltcTimecode(value string, tcFps int, picture media.Rate) (media.Timecode, error) {
	if tcFps <= 0 {
		return media.Timecode{}, fmt.Errorf("no tcFps to count frames at")
	}
	b, err := hex.DecodeString(value)
	if err != nil || len(b) != 4 {
		return media.Timecode{}, fmt.Errorf("not eight hex digits")
	}
	drop := b[0]&0x40 != 0
	ff, ok1 := bcd(b[0] & 0x3F)
	ss, ok2 := bcd(b[1] & 0x7F)
	mm, ok3 := bcd(b[2] & 0x7F)
	hh, ok4 := bcd(b[3] & 0x3F)
	if !(ok1 && ok2 && ok3 && ok4) || ff >= tcFps || ss > 59 || mm > 59 || hh > 23 {
		return media.Timecode{}, fmt.Errorf("%02d:%02d:%02d:%02d is not a timecode at %d fps", hh, mm, ss, ff, tcFps)
	}
	if drop && tcFps%30 != 0 {
		return media.Timecode{}, fmt.Errorf("drop-frame flag at %d fps", tcFps)
	}
	rate := tcRate(tcFps, drop, picture)
	frames, err := labelFrames(hh, mm, ss, ff, tcFps, drop)
	if err != nil {
		return media.Timecode{}, err
	}
	return media.Timecode{Frames: frames, Rate: rate, Drop: drop}, nil
}

// bcd decodes one binary-coded-decimal byte.
func bcd(b byte) (int, bool) {
	hi, lo := b>>4, b&0x0F
	return int(hi)*10 + int(lo), hi <= 9 && lo <= 9
}

// tcRate makes the nominal tcFps exact: 30 is 29.97 when the picture runs
// at 29.97 (or at 59.94 with a half-step timecode), and always when the
// timecode drops frames.
func tcRate(tcFps int, drop bool, picture media.Rate) media.Rate {
	switch nom := picture.Nominal(); {
	case !picture.IsZero() && nom == tcFps:
		return picture
	case !picture.IsZero() && nom == 2*tcFps:
		return reduce(media.Rate{Num: picture.Num, Den: picture.Den * 2})
	case drop:
		return media.Rate{Num: int64(tcFps) * 1000, Den: 1001}
	}
	return media.Rate{Num: int64(tcFps), Den: 1}
}

// labelFrames counts the frames from midnight to a timecode label; in
// drop-frame, labels ;00 and ;01 (;00-;03 at 60) of every minute not
// divisible by ten do not exist.
func labelFrames(hh, mm, ss, ff, fps int, drop bool) (int64, error) {
	frames := int64((hh*3600+mm*60+ss)*fps + ff)
	if !drop {
		return frames, nil
	}
	skip := fps / 15
	if mm%10 != 0 && ss == 0 && ff < skip {
		return 0, fmt.Errorf("%02d:%02d:%02d;%02d does not exist in drop-frame", hh, mm, ss, ff)
	}
	minutes := int64(hh*60 + mm)
	return frames - int64(skip)*(minutes-minutes/10), nil
}

// reduce divides a rate by the greatest common divisor of its terms.
func reduce(r media.Rate) media.Rate {
	a, b := r.Num, r.Den
	for b != 0 {
		a, b = b, a%b
	}
	if a <= 1 {
		return r
	}
	return media.Rate{Num: r.Num / a, Den: r.Den / a}
}
