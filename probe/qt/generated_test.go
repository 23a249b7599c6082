package qt

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/rushes/rushes/media"
)

// Files made with ffmpeg for what the shared fixtures lack; testdata/README.md
// has the commands, and the expectations below are what those commands asked
// for.

func TestIPhoneStyleKeys(t *testing.T) {
	info := readTestdata(t, "iphone.mov")
	if want := time.Date(2024, 5, 3, 12, 22, 10, 0, time.UTC); !info.Created.Equal(want) {
		t.Errorf("Created = %v, want %v", info.Created, want)
	}
	// Local time with its own offset: the same instant as mvhd's UTC here.
	if _, off := info.CreationDate.Zone(); off != 2*3600 || info.CreationDate.Format(time.RFC3339) != "2024-05-03T14:22:10+02:00" {
		t.Errorf("CreationDate = %v, want 2024-05-03T14:22:10+02:00", info.CreationDate)
	}
	if info.Make != "Apple" || info.Model != "iPhone 15 Pro" || info.Software != "17.4.1" {
		t.Errorf("Make/Model/Software = %q/%q/%q", info.Make, info.Model, info.Software)
	}
	wantTracks(t, info, []Track{
		{Handler: "vide", Codec: "avc1", Width: 64, Height: 36, Rate: media.Rate2997},
		{Handler: "soun", Codec: "mp4a", SampleRate: 48000, Channels: 2},
	})
}

func TestDropFrameTimecodeTrack(t *testing.T) {
	info := readTestdata(t, "dropframe2997.mov")
	tc := info.Timecode
	if tc == nil || tc.String() != "01:00:00;00" || !tc.Drop || tc.Rate != media.Rate2997 || tc.Frames != 107892 {
		t.Errorf("Timecode = %+v (%v), want 01:00:00;00 drop-frame at 30000/1001", tc, tc)
	}
	if info.Reel != "A001C003" {
		t.Errorf("Reel = %q, want A001C003", info.Reel)
	}
	wantTracks(t, info, []Track{
		{Handler: "vide", Codec: "avc1", Width: 64, Height: 36, Rate: media.Rate2997},
		{Handler: "tmcd", Codec: "tmcd", Rate: media.Rate2997},
	})
}

func TestProRes23976WithTimecodeAndV2Sound(t *testing.T) {
	info := readTestdata(t, "prores2398.mov")
	tc := info.Timecode
	if tc == nil || tc.String() != "10:20:30:12" || tc.Drop || tc.Rate != media.Rate23976 {
		t.Errorf("Timecode = %+v (%v), want 10:20:30:12 at 24000/1001", tc, tc)
	}
	if info.Reel != "B002" {
		t.Errorf("Reel = %q, want B002", info.Reel)
	}
	wantTracks(t, info, []Track{
		{Handler: "vide", Codec: "apco", Width: 64, Height: 36, Rate: media.Rate23976},
		{Handler: "soun", Codec: "lpcm", SampleRate: 96000, Channels: 2, BitsPerSample: 24},
		{Handler: "tmcd", Codec: "tmcd", Rate: media.Rate23976},
	})
}

func readTestdata(t *testing.T, name string) *Info {
	t.Helper()
	info, err := ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	if len(info.Warnings) > 0 {
		t.Errorf("warnings: %q", info.Warnings)
	}
	return info
}

// wantTracks compares the fields set in want; zero fields are not checked.
func wantTracks(t *testing.T, info *Info, want []Track) {
	t.Helper()
	if len(info.Tracks) != len(want) {
		t.Fatalf("%d tracks, want %d: %+v", len(info.Tracks), len(want), info.Tracks)
	}
	for i, w := range want {
		g := info.Tracks[i]
		if g.Handler != w.Handler || g.Codec != w.Codec || g.Width != w.Width || g.Height != w.Height ||
			g.Rate != w.Rate || g.SampleRate != w.SampleRate || g.Channels != w.Channels ||
			(w.BitsPerSample != 0 && g.BitsPerSample != w.BitsPerSample) {
			t.Errorf("track %d = %+v, want %+v", i, g, w)
		}
	}
}
