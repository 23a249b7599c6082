package media

import "testing"

func TestTimecodeFromSamplesMatchesSoundReport(t *testing.T) {
	// Worked examples from ../shared/fixtures/README.md.
	cases := []struct {
		samples uint64
		rate    Rate
		want    string
	}{
		{2190940753, Rate23976, "12:39:59:00"},
		{2354414956, Rate25, "13:37:30:07"},
	}
	for _, c := range cases {
		tc, ok := TimecodeFromSamples(c.samples, 48000, c.rate, false)
		if !ok || tc.String() != c.want {
			t.Errorf("samples %d at %v: got %q, want %q", c.samples, c.rate, tc.String(), c.want)
		}
	}
}

func TestDropFrameLabels(t *testing.T) {
	cases := []struct {
		frames int64
		want   string
	}{
		{0, "00:00:00;00"},
		{1799, "00:00:59;29"},
		{1800, "00:01:00;02"},  // ;00 and ;01 skipped
		{17982, "00:10:00;00"}, // tenth minute keeps them
		{107892, "01:00:00;00"},
	}
	for _, c := range cases {
		got := Timecode{Frames: c.frames, Rate: Rate2997, Drop: true}.String()
		if got != c.want {
			t.Errorf("frame %d: got %s, want %s", c.frames, got, c.want)
		}
	}
}

func TestRateStringAndFromFloat(t *testing.T) {
	cases := []struct {
		f    float64
		want Rate
		s    string
	}{
		{23.976, Rate23976, "23.976"},
		{29.97, Rate2997, "29.97"},
		{25, Rate25, "25"},
		{59.94, Rate{60000, 1001}, "59.94"},
	}
	for _, c := range cases {
		r := RateFromFloat(c.f)
		if r != c.want || r.String() != c.s {
			t.Errorf("%v: got %v %q, want %v %q", c.f, r, r.String(), c.want, c.s)
		}
	}
}

func TestParseTimecodeRoundTrips(t *testing.T) {
	for _, c := range []struct {
		s    string
		rate Rate
	}{{"12:39:59:00", Rate23976}, {"01:00:00;00", Rate2997}, {"00:10:00;00", Rate2997}, {"00:01:00;02", Rate2997}, {"19:57:30:17", Rate25}, {"23:59:59:29", Rate30}} {
		tc, ok := ParseTimecode(c.s, c.rate)
		if !ok || tc.String() != c.s {
			t.Errorf("ParseTimecode(%q) = %v %v, prints %q", c.s, tc, ok, tc.String())
		}
	}
	for _, bad := range []string{"", "12:39:59", "12:60:00:00", "12:00:00:24", "aa:bb:cc:dd", "12-00-00-00"} {
		if _, ok := ParseTimecode(bad, Rate23976); ok {
			t.Errorf("ParseTimecode(%q) accepted", bad)
		}
	}
}
