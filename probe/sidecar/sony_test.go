package sidecar

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rushes/rushes/media"
)

func TestReadSonySidecars(t *testing.T) {
	zone := func(h int) *time.Location { return time.FixedZone("", h*3600) }
	cases := []struct {
		file       string
		created    time.Time
		frames     int64
		duration   time.Duration
		rate       media.Rate
		capture    media.Rate
		interlaced bool
		width      int
		height     int
		model      string
		serial     string
		tc         string
		tcRate     media.Rate
	}{
		{"C0001M01.XML", time.Date(2025, 10, 21, 10, 30, 22, 0, zone(-6)), 390, 13013 * time.Millisecond,
			media.Rate2997, media.Rate2997, false, 3840, 2160, "ILCE-6700", "5012345", "01:29:21;27", media.Rate2997},
		{"C0002M01.XML", time.Date(2022, 9, 25, 11, 57, 59, 0, zone(10)), 4380, 175200 * time.Millisecond,
			media.Rate25, media.Rate25, false, 3840, 2160, "ILME-FX3", "4294967295", "19:57:30:17", media.Rate25},
		{"C0003M01.XML", time.Date(2014, 6, 2, 9, 15, 20, 0, zone(1)), 600, 20020 * time.Millisecond,
			media.Rate2997, media.Rate2997, true, 1920, 1080, "PMW-500", "10234", "10:00:00:00", media.Rate2997},
		{"C0004M01.XML", time.Date(2016, 1, 3, 6, 10, 57, 0, zone(-4)), 210, 3503500 * time.Microsecond,
			media.Rate{Num: 60000, Den: 1001}, media.Rate{Num: 60000, Den: 1001}, false, 1920, 1080, "FDR-AX100", "1234567890", "00:00:00;00", media.Rate2997},
		{"C0005M01.XML", time.Date(2024, 3, 12, 21, 23, 0, 0, zone(-7)), 720, 30030 * time.Millisecond,
			media.Rate23976, media.Rate{Num: 120000, Den: 1001}, false, 1920, 1080, "ILME-FX3", "0123456", "14:05:10:12", media.Rate23976},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			s, err := ReadSonyFile(filepath.Join("testdata", c.file))
			if err != nil {
				t.Fatal(err)
			}
			if len(s.Warnings) > 0 {
				t.Errorf("warnings: %q", s.Warnings)
			}
			if !s.CreationDate.Equal(c.created) || s.CreationDate.Format("-07:00") != c.created.Format("-07:00") {
				t.Errorf("created %v, want %v with its offset", s.CreationDate, c.created)
			}
			if s.DurationFrames != c.frames || s.Duration != c.duration {
				t.Errorf("duration %d frames %v, want %d %v", s.DurationFrames, s.Duration, c.frames, c.duration)
			}
			if s.Rate != c.rate || s.CaptureRate != c.capture || s.Interlaced != c.interlaced {
				t.Errorf("rate %v capture %v interlaced %t", s.Rate, s.CaptureRate, s.Interlaced)
			}
			if s.Width != c.width || s.Height != c.height || s.Manufacturer != "Sony" || s.Model != c.model || s.Serial != c.serial {
				t.Errorf("layout %dx%d device %q %q %q", s.Width, s.Height, s.Manufacturer, s.Model, s.Serial)
			}
			if s.Timecode == nil || s.Timecode.String() != c.tc || s.Timecode.Rate != c.tcRate {
				t.Errorf("timecode %v at %v, want %s at %v", s.Timecode, s.Timecode, c.tc, c.tcRate)
			}
			if !strings.HasPrefix(s.Namespace, sonyNamespace) || len(s.UMID) != 64 {
				t.Errorf("namespace %q umid %q", s.Namespace, s.UMID)
			}
		})
	}
}

// TestLtcValues decodes the values FORMATS.md gives and the end values of
// the sidecars above, whose frame counts check the decoding.
func TestLtcValues(t *testing.T) {
	cases := []struct {
		value   string
		fps     int
		picture media.Rate
		want    string
		frames  int64
	}{
		{"67212901", 30, media.Rate2997, "01:29:21;27", 160695},
		{"66342901", 30, media.Rate2997, "01:29:34;26", 160695 + 389},
		{"17305719", 25, media.Rate25, "19:57:30:17", 1796267},
		{"21250020", 25, media.Rate25, "20:00:25:21", 1796267 + 4379},
		{"40000000", 30, media.Rate{}, "00:00:00;00", 0},
		{"00000000", 24, media.Rate23976, "00:00:00:00", 0},
		{"E7A9A9E1", 30, media.Rate2997, "21:29:29;27", 0}, // flag bits set in every byte
	}
	for _, c := range cases {
		tc, err := ltcTimecode(c.value, c.fps, c.picture)
		if err != nil || tc.String() != c.want || (c.frames != 0 && tc.Frames != c.frames) {
			t.Errorf("%s at %d: got %v (%d frames), %v; want %s (%d)", c.value, c.fps, tc, tc.Frames, err, c.want, c.frames)
		}
	}
	for _, bad := range []string{"", "6721290", "672129011", "6A212901", "67212G01", "30000000", "00600000", "00006000", "00000024", "40000100"} {
		if _, err := ltcTimecode(bad, 30, media.Rate2997); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
	if _, err := ltcTimecode("40000000", 25, media.Rate25); err == nil {
		t.Errorf("drop-frame at 25 fps accepted")
	}
}

func TestParseFps(t *testing.T) {
	cases := []struct {
		in         string
		want       media.Rate
		interlaced bool
	}{
		{"29.97p", media.Rate2997, false},
		{"25p", media.Rate25, false},
		{"23.98p", media.Rate23976, false},
		{"24p", media.Rate24, false},
		{"59.94i", media.Rate2997, true},
		{"50i", media.Rate25, true},
		{"59.94p", media.Rate{Num: 60000, Den: 1001}, false},
		{"119.88p", media.Rate{Num: 120000, Den: 1001}, false},
		{"100p", media.Rate{Num: 100, Den: 1}, false},
	}
	for _, c := range cases {
		r, il, ok := parseFps(c.in)
		if !ok || r != c.want || il != c.interlaced {
			t.Errorf("%s: got %v %t %t", c.in, r, il, ok)
		}
	}
	for _, bad := range []string{"", "p", "fast", "29.97x", "0p", "-25p", "1e9p", "NaNp"} {
		if _, _, ok := parseFps(bad); ok {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestReadSonyDamaged(t *testing.T) {
	s, err := ReadSonyFile(filepath.Join("testdata", "truncated_M01.XML"))
	if err != nil {
		t.Fatal(err)
	}
	if s.Timecode == nil || s.Timecode.String() != "01:29:21;27" || s.CreationDate.IsZero() || s.DurationFrames != 390 {
		t.Errorf("read before the cut: tc %v created %v frames %d", s.Timecode, s.CreationDate, s.DurationFrames)
	}
	if len(s.Warnings) != 2 || !strings.Contains(s.Warnings[0], "unexpected EOF") ||
		s.Warnings[1] != "timecode rate taken as 29.97 from tcFps alone: no formatFps" {
		t.Errorf("warnings %q", s.Warnings)
	}

	s, err = ReadSonyFile(filepath.Join("testdata", "bad_values_M01.XML"))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`CreationDate "2025-10-21 10:30:22" is not a date and time`,
		`lastUpdate "yesterday" is not a date and time`,
		`VideoFrame formatFps "29.97x" is not a frame rate`,
		`VideoFrame captureFps "fast" is not a frame rate`,
		`VideoLayout pixel "wide" is not a pixel count`,
		`Duration value "-5" is not a frame count`,
		`LtcChange frameCount 0 value "6A212901": 01:29:21:`,
	}
	if len(s.Warnings) != len(want) {
		t.Fatalf("warnings %q", s.Warnings)
	}
	for i, w := range want {
		if !strings.HasPrefix(s.Warnings[i], w) {
			t.Errorf("warning %d: %q, want %q", i, s.Warnings[i], w)
		}
	}
	if s.Model != "ILCE-7M4" || s.Height != 2160 || s.Timecode != nil {
		t.Errorf("kept model %q height %d, timecode %v", s.Model, s.Height, s.Timecode)
	}
}

func TestReadSonyRejects(t *testing.T) {
	cases := []struct {
		doc  string
		want error
	}{
		{"", ErrNotSony},
		{"not xml", ErrNotSony},
		{`<MediaProfile xmlns="http://xmlns.sony.net/pro/metadata/mediaprofile"/>`, ErrNotSony},
		{`<VideoClip xmlns="http://www.canon.com/ns/VideoClip"/>`, ErrNotSony},
		{`<NonRealTimeMeta>` + strings.Repeat(" ", 200) + `</NonRealTimeMeta>`, ErrTooLarge},
	}
	for _, c := range cases {
		if _, err := ReadSony(strings.NewReader(c.doc), 100); !errors.Is(err, c.want) {
			t.Errorf("%.40q: got %v, want %v", c.doc, err, c.want)
		}
	}
	if _, err := ReadSonyFile(filepath.Join("testdata", "MEDIAPRO.XML")); !errors.Is(err, ErrNotSony) {
		t.Errorf("MEDIAPRO.XML: %v", err)
	}
	s, err := ReadSony(strings.NewReader(`<NonRealTimeMeta xmlns="urn:other"><Duration value="5"/></NonRealTimeMeta>`), 0)
	if err != nil || s.DurationFrames != 5 || len(s.Warnings) != 1 {
		t.Errorf("foreign namespace: %v %+v", err, s)
	}
}

func TestReadSonyDeepNesting(t *testing.T) {
	doc := "<NonRealTimeMeta>" + strings.Repeat("<a>", 1000) + "<Duration value=\"5\"/>"
	s, err := ReadSony(strings.NewReader(doc), 0)
	if err != nil || len(s.Warnings) == 0 || !strings.Contains(s.Warnings[0], "nested deeper than 64") {
		t.Errorf("got %v %+v", err, s)
	}
}
