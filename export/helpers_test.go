package export

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/rushes/rushes/catalog"
	"github.com/rushes/rushes/media"
)

// fixtures is ../shared/fixtures from the project root.
const fixtures = "../../shared/fixtures"

func fixtureDir(t *testing.T, sub string) string {
	t.Helper()
	dir := filepath.Join(fixtures, sub)
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("fixtures not found at %s: %v", dir, err)
	}
	return dir
}

// lookTool finds a command-line tool a test checks against; CI, which sets
// CI_REQUIRE_TOOLS, must have it.
func lookTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI_REQUIRE_TOOLS") != "" {
			t.Fatalf("%s not installed; .ci/run should have installed it", name)
		}
		t.Skipf("%s not installed", name)
	}
	return p
}

// frames is a duration of n frames at r in seconds, as the catalog stores it.
func frames(n int64, r media.Rate) float64 { return float64(n) * float64(r.Den) / float64(r.Num) }

var (
	rate2997 = media.Rate2997
	rating4  = 4
)

// dayClips is a shooting day as the catalog returns it: picture at 23.976,
// 25 and 29.97 (drop-frame and not), a sound take, and a phone clip that has
// neither rate nor timecode and an awkward file name.
func dayClips() []catalog.Clip {
	at := time.Date(2026, 11, 2, 9, 30, 0, 0, time.UTC)
	return []catalog.Clip{
		{ID: 1, Name: "A001C003_261102.mov", Kind: media.KindVideo, Date: "2026-11-02", ShotAt: at,
			Scene: "12", Take: "3", Camera: "A", Reel: "A001", Project: "BMH", TCStart: "12:39:59:00",
			Rate: media.Rate23976, Duration: frames(240, media.Rate23976), Codec: "apch", Width: 1920, Height: 1080,
			SampleRate: 48000, Channels: 2, SizeBytes: 1 << 30, LibraryPath: "2026-11-02/12/A/A001C003_261102.mov",
			SourcePath: "/media/card/A001C003_261102.mov", HashAlgo: "xxh128", Hash: "61a67c014f703a456ee7a776fd8c06bd",
			Circled: true, Rating: &rating4, Provenance: map[string]string{"scene": "filename", "date": "container"},
			IngestedAt: at.Add(10 * time.Hour), Tags: []string{"hero", "wide, slow"},
			Notes: []catalog.Note{{At: at, Author: "ed", Text: "Said \"cut\", then\tkept going\nsecond line"}},
			Files: []catalog.File{{Path: "2026-11-02/12/A/A001C003_261102.mov", Role: "media"}}},
		{ID: 2, Name: "B002C001.MP4", Kind: media.KindVideo, Date: "2026-11-02", Scene: "12", Take: "4", Camera: "B",
			TCStart: "13:37:30:07", Rate: media.Rate25, Duration: 4, Width: 3840, Height: 2160,
			LibraryPath: "2026-11-02/12/B/B002C001.MP4"},
		{ID: 3, Name: "C003_DF.MOV", Kind: media.KindVideo, Date: "2026-11-03", Scene: "14A", Take: "1", NG: true,
			TCStart: "10:00:59;28", Rate: rate2997, Duration: frames(4, rate2997), Width: 1920, Height: 1080,
			LibraryPath: "2026-11-03/14A/C/C003_DF.MOV"},
		{ID: 4, Name: "C004_NDF.MOV", Kind: media.KindVideo, Date: "2026-11-03", Scene: "14A", Take: "2",
			TCStart: "10:00:59:28", Rate: rate2997, Duration: frames(4, rate2997), Width: 1920, Height: 1080,
			LibraryPath: "2026-11-03/14A/C/C004_NDF.MOV"},
		{ID: 5, Name: "A101_3.WAV", Kind: media.KindAudio, Date: "2026-11-02", Scene: "A101", Take: "3", Reel: "18Y12M31",
			TCStart: "12:39:59:00", Rate: media.Rate23976, Duration: 12.5, SampleRate: 48000, Channels: 2,
			LibraryPath: "2026-11-02/A101/sound/A101_3.WAV"},
		{ID: 6, Name: "IMG 0001 ü#.mov", Kind: media.KindVideo, Date: "2026-11-02", Duration: 3, Width: 1080, Height: 1920,
			LibraryPath: "2026-11-02/unsorted/phone/IMG 0001 ü#.mov"},
	}
}
