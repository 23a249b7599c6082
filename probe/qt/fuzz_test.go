package qt

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// FuzzRead feeds arbitrary bytes to Read: it must never panic, must fail
// only with ErrNotQuickTime, and must keep its own limits. Seeds come from
// the fixtures and testdata (testdata/fuzz/FuzzRead, written by
// -update-seeds) and from the hand-built layouts below.
func FuzzRead(f *testing.F) {
	entry := tmcdBox(tmcdDropFrame, 30000, 1001, 30, bx("name", u16(4), u16(0x55c4), []byte("A001")))
	f.Add(tcMovie(func(b []byte) []byte { return large("mdat", b) },
		func(p ...[]byte) []byte { return bx("moov", p...) }, 107892, entry,
		func(off uint32) []byte { return full("co64", 0, 0, u32(1), u64(uint64(off))) }))
	f.Add(cat(ftyp("qt  "), bx("moov", mvhd1(1<<40, 1000, 1<<40), appleMeta(false, "com.apple.quicktime.make", "Apple"))))
	f.Add(cat(ftyp("mp41"), bx("moov", mvhd0(1, 1, 1), bx("udta", appleMeta(true, "k", "v"), bx("\xa9day", u16(4), u16(0), []byte("2020"))))))
	f.Add(cat(u32(1), []byte("mdat"), u64(1<<63)))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, size := range []int64{int64(len(data)), int64(len(data)) + 1<<20} {
			info, err := Read(bytes.NewReader(data), size)
			if err != nil {
				if !errors.Is(err, ErrNotQuickTime) {
					t.Fatalf("error other than ErrNotQuickTime: %v", err)
				}
				return
			}
			checkLimits(t, info)
		}
	})
}

func checkLimits(t *testing.T, info *Info) {
	t.Helper()
	if len(info.Warnings) > maxWarnings || len(info.Tracks) > maxTracks {
		t.Fatalf("%d warnings, %d tracks", len(info.Warnings), len(info.Tracks))
	}
	if info.Duration < 0 {
		t.Fatalf("negative duration %v", info.Duration)
	}
	for _, tr := range info.Tracks {
		if tr.Duration < 0 || tr.Width < 0 || tr.Height < 0 || tr.SampleRate < 0 || tr.Channels < 0 {
			t.Fatalf("impossible track %+v", tr)
		}
	}
	if info.Timecode != nil {
		_ = info.Timecode.String()
	}
}

var updateSeeds = flag.Bool("update-seeds", false, "rewrite testdata/fuzz/FuzzRead/seed-* from the fixtures and testdata")

// seedMaxBytes keeps each seed small: the fuzzer mutates bytes, so what
// matters is the box structure, not media data.
const seedMaxBytes = 6 << 10

// TestWriteFuzzSeeds, with -update-seeds, writes one seed per real file:
// the whole file when it is small, else the file with its mdat bodies left
// out (offsets into them then point past the end, an error path worth
// fuzzing), cut at seedMaxBytes.
func TestWriteFuzzSeeds(t *testing.T) {
	if !*updateSeeds {
		t.Skip("run with -update-seeds to rewrite the seed corpus")
	}
	root := fixtures(t)
	files := map[string]string{}
	for _, rel := range []string{"gopro/karma.mp4", "exiftool/QuickTime.mov", "exiftool/QuickTime.m4a",
		"iso-bmff/sample.mp4", "iso-bmff/sample_fragmented.mp4", "iso-bmff/sample_qt.mp4", "tagged/sample.mp4"} {
		files[strings.ReplaceAll(rel, "/", "_")] = filepath.Join(root, "video", rel)
	}
	for _, name := range []string{"iphone.mov", "dropframe2997.mov", "prores2398.mov"} {
		files["testdata_"+name] = filepath.Join("testdata", name)
	}
	dir := filepath.Join("testdata", "fuzz", "FuzzRead")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, path := range files {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		seed := b
		if len(seed) > seedMaxBytes {
			seed = withoutMdat(b)
		}
		if len(seed) > seedMaxBytes {
			seed = seed[:seedMaxBytes]
		}
		out := fmt.Sprintf("go test fuzz v1\n[]byte(%s)\n", strconv.Quote(string(seed)))
		if err := os.WriteFile(filepath.Join(dir, "seed-"+name), []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// withoutMdat copies the top-level boxes of b, leaving out mdat boxes larger
// than 64 bytes (small ones hold a timecode sample worth keeping).
func withoutMdat(b []byte) []byte {
	var out []byte
	for rest := b; len(rest) >= 8; {
		n := int(be32(rest))
		if n == 1 && len(rest) >= 16 {
			n = int(be64(rest[8:]))
		}
		if n == 0 || n > len(rest) {
			n = len(rest)
		}
		if n < 8 {
			break
		}
		if string(rest[4:8]) != "mdat" || n <= 64 {
			out = append(out, rest[:n]...)
		}
		rest = rest[n:]
	}
	return out
}
