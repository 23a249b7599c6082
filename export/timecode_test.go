package export

import (
	"strings"
	"testing"

	"github.com/rushes/rushes/media"
)

func TestParseTimecodeCountsFramesAtEachRate(t *testing.T) {
	tests := []struct {
		tc     string
		rate   media.Rate
		frames int64
		drop   bool
	}{
		{"00:00:01:00", media.Rate23976, 24, false},
		{"12:39:59:00", media.Rate23976, (12*3600 + 39*60 + 59) * 24, false},
		{"13:37:30:07", media.Rate25, (13*3600+37*60+30)*25 + 7, false},
		{"00:01:00:00", media.Rate2997, 1800, false},
		{"00:00:59;29", media.Rate2997, 1799, true},
		{"00:01:00;02", media.Rate2997, 1800, true},
		{"00:10:00;00", media.Rate2997, 17982, true},
		{"01:00:00;00", media.Rate2997, 107892, true},
		{"00:01:00;04", media.Rate{Num: 60000, Den: 1001}, 3600, true},
		{"01:00:00;00", media.Rate25, 90000, false}, // ';' means nothing at 25
	}
	for _, tt := range tests {
		t.Run(tt.tc+"@"+tt.rate.String(), func(t *testing.T) {
			got, err := parseTimecode(tt.tc, tt.rate)
			if err != nil {
				t.Fatal(err)
			}
			if got.Frames != tt.frames || got.Drop != tt.drop {
				t.Fatalf("got %d frames drop %v, want %d drop %v", got.Frames, got.Drop, tt.frames, tt.drop)
			}
			want := tt.tc
			if !tt.drop {
				want = strings.ReplaceAll(tt.tc, ";", ":")
			}
			if got.String() != want {
				t.Errorf("String() = %q, want %q", got.String(), want)
			}
		})
	}
}

func TestParseTimecodeRejectsWhatIsNotATimecode(t *testing.T) {
	for _, tc := range []string{"", "12:00:00", "24:00:00:00", "00:60:00:00", "00:00:00:30", "00:01:00;00",
		"00:01:00;01", "aa:bb:cc:dd", "00:00:00:-1", "1:2:3:4:5"} {
		if _, err := parseTimecode(tc, media.Rate{Num: 30000, Den: 1001}); err == nil {
			t.Errorf("%q accepted", tc)
		}
	}
	if _, err := parseTimecode("00:00:00:00", media.Rate{}); err == nil {
		t.Error("a timecode without a rate was accepted")
	}
}

func TestFCPTimeKeepsTheTimescale(t *testing.T) {
	tests := []struct {
		num, den int64
		want     string
	}{
		{0, 24000, "0s"}, {1001, 24000, "1001/24000s"}, {24024, 24000, "24024/24000s"},
		{100, 25, "4s"}, {86486400, 24000, "86486400/24000s"}, {3, 48000, "3/48000s"}, {48000, 48000, "1s"},
	}
	for _, tt := range tests {
		if got := fcpTime(tt.num, tt.den); got != tt.want {
			t.Errorf("fcpTime(%d, %d) = %q, want %q", tt.num, tt.den, got, tt.want)
		}
	}
}
