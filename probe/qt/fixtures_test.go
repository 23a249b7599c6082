package qt

import (
	"encoding/json"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rushes/rushes/media"
)

// exiftoolJSON is `exiftool -json -G -a -u -n` output: one object per file.
type exiftoolJSON map[string]any

// ffprobeJSON is the part of `ffprobe -show_format -show_streams` we compare.
type ffprobeJSON struct {
	Streams []struct {
		CodecType      string            `json:"codec_type"`
		CodecTagString string            `json:"codec_tag_string"`
		Width          int               `json:"width"`
		Height         int               `json:"height"`
		AvgFrameRate   string            `json:"avg_frame_rate"`
		SampleRate     string            `json:"sample_rate"`
		Channels       int               `json:"channels"`
		Tags           map[string]string `json:"tags"`
		Disposition    map[string]int    `json:"disposition"`
	} `json:"streams"`
	Format struct {
		Duration string            `json:"duration"`
		Tags     map[string]string `json:"tags"`
	} `json:"format"`
}

type goldenFiles struct {
	exif  exiftoolJSON
	probe ffprobeJSON
}

// loadGolden parses fixtures/golden/<path with / as _>.{exiftool,ffprobe}.json.
func loadGolden(t *testing.T, root, rel string) goldenFiles {
	t.Helper()
	base := filepath.Join(root, "golden", strings.ReplaceAll(rel, "/", "_"))
	var g goldenFiles
	var exif []exiftoolJSON
	decode(t, base+".exiftool.json", &exif)
	if len(exif) != 1 {
		t.Fatalf("%s.exiftool.json: %d objects, want 1", base, len(exif))
	}
	g.exif = exif[0]
	decode(t, base+".ffprobe.json", &g.probe)
	return g
}

func decode(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

func TestFixturesMatchGolden(t *testing.T) {
	root := fixtures(t)
	cases := []struct {
		path      string
		truncated bool // expect a warning that the file is cut short
	}{
		{path: "video/gopro/karma.mp4"},
		{path: "video/exiftool/QuickTime.mov"},
		{path: "video/exiftool/QuickTime.m4a"},
		{path: "video/iso-bmff/sample.mp4"},
		{path: "video/iso-bmff/sample_fragmented.mp4"},
		{path: "video/iso-bmff/sample_qt.mp4", truncated: true},
		{path: "video/tagged/sample.mp4"},
	}
	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) {
			g := loadGolden(t, root, c.path)
			info, err := ReadFile(filepath.Join(root, c.path))
			if err != nil {
				t.Fatal(err)
			}
			checkMovie(t, info, g)
			checkStreams(t, info, g)
			checkTags(t, info, g)
			if c.truncated != hasWarning(info, "past the end of the file") {
				t.Errorf("cut-short warning = %v, want %v; warnings %q", !c.truncated, c.truncated, info.Warnings)
			}
			if !c.truncated && len(info.Warnings) > 0 {
				t.Errorf("unexpected warnings %q", info.Warnings)
			}
		})
	}
}

func checkMovie(t *testing.T, info *Info, g goldenFiles) {
	t.Helper()
	if want, _ := g.exif["QuickTime:MajorBrand"].(string); info.Brand != want {
		t.Errorf("Brand = %q, want %q", info.Brand, want)
	}
	want := exifTime(t, g.exif["QuickTime:CreateDate"])
	if !info.Created.Equal(want) {
		t.Errorf("Created = %v, want %v", info.Created, want)
	}
	secs, err := strconv.ParseFloat(g.probe.Format.Duration, 64)
	if err != nil {
		t.Fatalf("ffprobe duration %q: %v", g.probe.Format.Duration, err)
	}
	if d := math.Abs(info.Duration.Seconds() - secs); d > 0.001 {
		t.Errorf("Duration = %v, want %vs", info.Duration, secs)
	}
}

// exifTime reads exiftool's "2017:04:17 19:27:57" (UTC for QuickTime
// headers); "0000:00:00 00:00:00" is exiftool's zero.
func exifTime(t *testing.T, v any) time.Time {
	t.Helper()
	s, _ := v.(string)
	if s == "" || strings.HasPrefix(s, "0000") {
		return time.Time{}
	}
	tm, err := time.Parse("2006:01:02 15:04:05", s)
	if err != nil {
		t.Fatalf("exiftool date %q: %v", s, err)
	}
	return tm
}

// checkStreams compares tracks with ffprobe's streams, in order, leaving
// out the cover art ffprobe shows as attached pictures.
func checkStreams(t *testing.T, info *Info, g goldenFiles) {
	t.Helper()
	var n int
	for _, s := range g.probe.Streams {
		if s.Disposition["attached_pic"] == 1 {
			continue
		}
		if n >= len(info.Tracks) {
			t.Errorf("ffprobe stream %d (%s) has no track", n, s.CodecTagString)
			n++
			continue
		}
		tr := info.Tracks[n]
		n++
		if tr.Codec != s.CodecTagString {
			t.Errorf("track %d Codec = %q, want %q", tr.ID, tr.Codec, s.CodecTagString)
		}
		switch s.CodecType {
		case "video":
			checkVideo(t, tr, s.Width, s.Height, s.AvgFrameRate, g.exif)
		case "audio":
			// ffprobe reads the AAC config; exiftool the stsd entry, which is
			// stale in QuickTime.m4a. The reader follows the decoder.
			if rate, _ := strconv.Atoi(s.SampleRate); tr.SampleRate != rate || tr.Channels != s.Channels {
				t.Errorf("track %d audio = %d Hz %d ch, want %d Hz %d ch", tr.ID, tr.SampleRate, tr.Channels, rate, s.Channels)
			}
		}
		if tc := s.Tags["timecode"]; tc != "" && (info.Timecode == nil || info.Timecode.String() != tc) {
			t.Errorf("Timecode = %v, want %s", info.Timecode, tc)
		}
	}
	if n != len(info.Tracks) {
		t.Errorf("%d tracks, ffprobe shows %d streams", len(info.Tracks), n)
	}
}

func checkVideo(t *testing.T, tr Track, w, h int, avg string, exif exiftoolJSON) {
	t.Helper()
	if tr.Width != w || tr.Height != h {
		t.Errorf("track %d size = %dx%d, want %dx%d", tr.ID, tr.Width, tr.Height, w, h)
	}
	if want := parseRatio(t, avg); tr.Rate != want {
		t.Errorf("track %d Rate = %v (%d/%d), want %s", tr.ID, tr.Rate, tr.Rate.Num, tr.Rate.Den, avg)
	}
	if fps, ok := exif["QuickTime:VideoFrameRate"].(float64); ok && media.RateFromFloat(fps) != tr.Rate {
		t.Errorf("track %d Rate = %v, exiftool says %v", tr.ID, tr.Rate, fps)
	}
	if want, ok := exif["QuickTime:CompressorName"].(string); ok && tr.CompressorName != want {
		t.Errorf("track %d CompressorName = %q, want %q", tr.ID, tr.CompressorName, want)
	}
}

// parseRatio reads ffprobe's "30000/1001" in lowest terms, as media.Rate.
func parseRatio(t *testing.T, s string) media.Rate {
	t.Helper()
	num, den, ok := strings.Cut(s, "/")
	n, err1 := strconv.ParseInt(num, 10, 64)
	d, err2 := strconv.ParseInt(den, 10, 64)
	if !ok || err1 != nil || err2 != nil || n <= 0 || d <= 0 {
		return media.Rate{}
	}
	g := int64(gcd(uint64(n), uint64(d)))
	return media.Rate{Num: n / g, Den: d / g}
}

// checkTags compares user tags with exiftool's and Apple keys with
// ffprobe's format tags.
func checkTags(t *testing.T, info *Info, g goldenFiles) {
	t.Helper()
	for name, field := range map[string]string{
		"title": "QuickTime:Title", "artist": "QuickTime:Artist", "album": "QuickTime:Album",
		"comment": "QuickTime:Comment", "year": "QuickTime:ContentCreateDate",
	} {
		want := ""
		switch v := g.exif[field].(type) {
		case string:
			want = v
		case float64:
			want = strconv.Itoa(int(v))
		}
		if info.Tags[name] != want {
			t.Errorf("Tags[%s] = %q, want %q", name, info.Tags[name], want)
		}
	}
	for k, want := range g.probe.Format.Tags {
		if strings.HasPrefix(k, "com.") && info.Keys[k] != want {
			t.Errorf("Keys[%s] = %q, want %q", k, info.Keys[k], want)
		}
	}
}

// TestKarmaGoProFacts pins the facts the fixtures README states for the
// GoPro file, whatever the golden files say.
func TestKarmaGoProFacts(t *testing.T) {
	info, err := ReadFile(filepath.Join(fixtures(t), "video/gopro/karma.mp4"))
	if err != nil {
		t.Fatal(err)
	}
	if info.Timecode == nil || info.Timecode.String() != "19:26:48:04" || info.Timecode.Rate != media.Rate2997 || info.Timecode.Drop {
		t.Errorf("Timecode = %+v, want 19:26:48:04 at 29.97 non-drop", info.Timecode)
	}
	if want := time.Date(2017, 4, 17, 19, 27, 57, 0, time.UTC); !info.Created.Equal(want) {
		t.Errorf("Created = %v, want %v", info.Created, want)
	}
	v := info.Tracks[0]
	if v.Handler != "vide" || v.Codec != "avc1" || v.Width != 854 || v.Height != 480 || v.Rate != media.Rate2997 {
		t.Errorf("video track = %+v, want avc1 854x480 at 30000/1001", v)
	}
	if v.CompressorName != "GoPro AVC encoder" {
		t.Errorf("CompressorName = %q", v.CompressorName)
	}
	if info.UserData["FIRM"] != "HD5.02.02.00.00" || info.Software != "HD5.02.02.00.00" {
		t.Errorf("firmware = %q / %q", info.UserData["FIRM"], info.Software)
	}
}

// TestNeverReadsMediaData counts the bytes read inside karma.mp4's mdat:
// only the timecode track's four-byte start frame may be touched.
func TestNeverReadsMediaData(t *testing.T) {
	path := filepath.Join(fixtures(t), "video/gopro/karma.mp4")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	// karma.mp4: ftyp (20 bytes), then mdat from 20 to 4115984, then moov.
	const mdatBody, mdatEnd = 28, 4115984
	r := &countingReader{r: f, from: mdatBody, to: mdatEnd}
	if _, err := Read(r, st.Size()); err != nil {
		t.Fatal(err)
	}
	if r.inside != 4 {
		t.Errorf("read %d bytes of media data, want 4 (the tmcd start frame)", r.inside)
	}
	if r.total > 64<<10 {
		t.Errorf("read %d bytes in all for an 18 KB moov", r.total)
	}
}

// countingReader counts bytes read, and those falling in [from, to).
type countingReader struct {
	r             io.ReaderAt
	from, to      int64
	inside, total int64
}

func (c *countingReader) ReadAt(p []byte, off int64) (int, error) {
	n, err := c.r.ReadAt(p, off)
	c.total += int64(n)
	lo, hi := max(off, c.from), min(off+int64(n), c.to)
	if hi > lo {
		c.inside += hi - lo
	}
	return n, err
}

// BenchmarkReadKarma measures a whole Read of a real camera file, the
// per-file cost the probe's speed target is about.
func BenchmarkReadKarma(b *testing.B) {
	path := filepath.Join(moduleRoot(b), "..", "shared", "fixtures", "video/gopro/karma.mp4")
	f, err := os.Open(path)
	if err != nil {
		b.Skipf("fixture: %v", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read(f, st.Size()); err != nil {
			b.Fatal(err)
		}
	}
}
