package bwf

import (
	"testing"
	"time"

	"github.com/rushes/rushes/media"
)

func TestOriginationAcceptsRecorderSeparators(t *testing.T) {
	at := time.Date(2019, 1, 1, 13, 37, 40, 0, time.UTC)
	cases := []struct {
		date, clock string
		want        time.Time // zero: invalid
	}{
		{"2019-01-01", "13:37:40", at},
		{"2019:01:01", "13:37:40", at}, // Metacorder
		{"2019/01/01", "13.37.40", at},
		{"2019.01.01", "13-37-40", at},
		{"2019-01-01", "13_37_40", at},
		{"2019-01-01", "13 37 40", at},
		{"2024-02-29", "00:00:00", time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC)},
		{"", "13:37:40", time.Time{}},
		{"2019-01-01", "", time.Time{}},
		{"0000-00-00", "00:00:00", time.Time{}}, // clock never set
		{"2023-02-29", "00:00:00", time.Time{}},
		{"2019-13-01", "13:37:40", time.Time{}},
		{"2019-01-01", "24:00:00", time.Time{}},
		{"2019-01-01", "13:60:00", time.Time{}},
		{"19-01-01", "13:37:40", time.Time{}},
		{"2019-1-01x", "13:37:40", time.Time{}},
		{"2019x01x01", "13:37:40", time.Time{}},
		{"2019-01-01", "1:37:40", time.Time{}},
	}
	for _, c := range cases {
		got, err := origination(c.date, c.clock)
		if !got.Equal(c.want) || (err != nil) != c.want.IsZero() {
			t.Errorf("%q %q: got %v, %v; want %v", c.date, c.clock, got, err, c.want)
		}
	}
}

func TestDescriptionFieldsStripRecorderPrefixes(t *testing.T) {
	got := descriptionFields("sSCENE=A101\r\ngTAKE=01\r\nTAPE= D042 \nsNOTE=\rnot a line\r\nsceneX=1\r\nsSCENE=dup\r\n")
	want := map[string]string{"SCENE": "A101", "TAKE": "01", "TAPE": "D042", "NOTE": ""}
	if len(got) != len(want) {
		t.Errorf("got %q, want %q", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: got %q, want %q", k, got[k], v)
		}
	}
}

func TestDescriptionSpeed(t *testing.T) {
	cases := []struct {
		in, rate        string
		drop, dropKnown bool
	}{
		{"023.976-ND", "023.976", false, true}, // Sound Devices
		{"029.970-DF", "029.970", true, true},
		{"25.000ND", "25.000", false, true}, // Zoom
		{"29.970DF", "29.970", true, true},
		{"30", "30", false, false},
		{"24 fps", "24", false, false},
	}
	for _, c := range cases {
		rate, drop, known := descriptionSpeed(c.in)
		if rate != c.rate || drop != c.drop || known != c.dropKnown {
			t.Errorf("%q: got %q %t %t", c.in, rate, drop, known)
		}
	}
}

func TestParseRate(t *testing.T) {
	cases := []struct {
		in   string
		want media.Rate
	}{
		{"24000/1001", media.Rate23976},
		{"30000/1001", media.Rate2997},
		{"25/1", media.Rate25},
		{"48/2", media.Rate24},
		{"23.976023976024", media.Rate23976},
		{"023.976", media.Rate23976},
		{"29.97", media.Rate2997},
		{"59.94", media.Rate{Num: 60000, Den: 1001}},
		{"25", media.Rate25},
		{"", media.Rate{}},
		{"0", media.Rate{}},
		{"-25", media.Rate{}},
		{"25/0", media.Rate{}},
		{"1/1000000", media.Rate{}},
		{"NaN", media.Rate{}},
		{"1e300", media.Rate{}},
	}
	for _, c := range cases {
		got, ok := parseRate(c.in)
		if got != c.want || ok == c.want.IsZero() {
			t.Errorf("%q: got %v %t, want %v", c.in, got, ok, c.want)
		}
	}
}

func TestTextDecodesLatin1(t *testing.T) {
	if got := text([]byte("Sc\xe8ne 1\x00garbage")); got != "Scène 1" {
		t.Errorf("got %q", got)
	}
}

func TestDurationOfLongRecordings(t *testing.T) {
	// 30 hours of 192 kHz: n*time.Second would overflow int64.
	n := int64(192000) * 3600 * 30
	if got := durationOf(n, 192000); got != 30*time.Hour {
		t.Errorf("got %v", got)
	}
}
