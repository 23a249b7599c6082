package qt

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Files built to make a reader allocate, loop or index out of range. Each
// must give an Info with a warning naming the problem, quickly, within a
// few MB of allocation, and without panicking.
func TestHostileInputIsSafe(t *testing.T) {
	video := func(tables ...[]byte) []byte {
		entry := bx("avc1", make([]byte, 6), u16(1), make([]byte, 16), u16(64), u16(36), make([]byte, 50))
		return trak("vide", 30000, 3003, entry, cat(tables...))
	}
	movie := func(parts ...[]byte) []byte { return cat(ftyp("qt  "), bx("moov", mvhd0(0, 600, 600), cat(parts...))) }
	manyBoxes := bytes.Repeat(bx("free"), maxBoxes+10)
	manyTracks := bytes.Repeat(bx("trak"), maxTracks+10)
	nested := bx("udta")
	for range 1000 {
		nested = bx("moov", bx("trak", bx("mdia", bx("minf", bx("stbl", nested)))))
	}
	cases := []struct {
		name string
		file []byte
		size int64 // 0: len(file)
		warn string
	}{
		{"mdat claiming 2^63 bytes", cat(ftyp("mp41"), u32(1), []byte("mdat"), u64(1<<63)), 0, "claims 9223372036854775808 bytes"},
		{"moov claiming 2^64-1 bytes", cat(u32(1), []byte("moov"), u64(1<<64-1), mvhd0(0, 1, 1)), 0, "claims"},
		{"64-bit size smaller than its header", cat(u32(1), []byte("moov"), u64(15), mvhd0(0, 1, 1)), 0, "smaller than its header"},
		{"size 3", cat(ftyp("mp41"), u32(3), []byte("free")), 0, "smaller than its header"},
		{"child past its parent", movie(cat(u32(5000), []byte("trak"))), 0, "claims 5000 bytes"},
		{"stts claiming 2^32-1 entries", movie(video(full("stts", 0, 0, u32(1<<32-1), u32(1), u32(1001)))), 0, ""},
		{"stsd entry claiming 4 GB", movie(trak("vide", 30000, 0, cat(u32(1<<32-1), []byte("avc1"), make([]byte, 40)))), 0, "sample description claims"},
		{"stsd entry of 2 bytes", movie(trak("soun", 48000, 0, cat(u32(2), []byte("mp4a")))), 0, "sample description too short"},
		{"keys claiming 2^32-1 entries", movie(bx("meta", hdlr("mdta"), full("keys", 0, 0, u32(1<<32-1), u32(1<<31), []byte("mdta")))), 0, "key 1 claims"},
		{"ilst item with no key", movie(bx("meta", hdlr("mdta"), full("keys", 0, 0, u32(0)), bx("ilst", bx(string(u32(7)), bx("data", u32(1), u32(0)))))), 0, "no key 7"},
		{"stco claiming 2^32-1 chunks", movie(video(full("stco", 0, 0, u32(1<<32-1), u32(8)))), 0, ""},
		{"co64 chunk past the end", movie(video(full("co64", 0, 0, u32(2), u64(8), u64(1<<62)))), 0, "past the end of the file"},
		{"tmcd start frame past the end", movie(trak("tmcd", 30000, 0, tmcdBox(0, 30000, 1001, 30), stco(1<<32-8))), 0, "past the end of the file"},
		{"tmcd with zero frame duration", movie(trak("tmcd", 30000, 0, tmcdBox(0, 30000, 0, 30), stco(8))), 0, ""},
		{"trun claiming 2^32-1 samples", cat(movie(video(), bx("mvex", full("trex", 0, 0, u32(1), u32(1), u32(1), u32(0), u32(0)))),
			bx("moof", bx("traf", full("tfhd", 0, 0, u32(1)), full("trun", 0, trunDuration|trunPerSample, u32(1<<32-1), u32(1001))))), 0, ""},
		{"more boxes than the budget", movie(manyBoxes), 0, "more than 200000 boxes"},
		{"5000 nested containers", cat(ftyp("qt  "), nested), 0, ""},
		{"size-0 boxes inside moov", movie(u32(0), []byte("free"), u32(0), []byte("trak")), 0, ""},
		{"more tracks than kept", movie(manyTracks), 0, "more than 256 tracks"},
		{"stray bytes at the end", cat(movie(), []byte{1, 2, 3}), 0, "3 stray bytes"},
		{"size larger than the reader", movie(), 1 << 40, "unexpected EOF"},
		{"esds with lying lengths", movie(trak("soun", 48000, 0, bx("mp4a", make([]byte, 6), u16(1), make([]byte, 20),
			bx("esds", u32(0), []byte{3, 0xff, 0xff, 0xff, 0x7f, 0, 1, 0xe0, 4, 0x80})))), 0, ""},
		{"iTunes title of integer type", movie(bx("udta", full("meta", 0, 0, hdlr("mdir"),
			bx("ilst", bx("\xa9nam", bx("data", u32(21), u32(0), []byte{7})), bx("\xa9day", bx("data", u32(21), u32(0), []byte{7})))))), 0, ""},
		{"udta data box shorter than its header", movie(bx("udta", bx("\xa9mak", u32(3), []byte("data"), u32(1), u32(0)))), 0, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			size := c.size
			if size == 0 {
				size = int64(len(c.file))
			}
			var info *Info
			alloc := allocated(func() {
				var err error
				info, err = Read(bytes.NewReader(c.file), size)
				if err != nil {
					t.Fatalf("Read: %v", err)
				}
			})
			if c.warn != "" && !hasWarning(info, c.warn) {
				t.Errorf("no warning containing %q: %q", c.warn, info.Warnings)
			}
			if alloc > 4<<20 {
				t.Errorf("allocated %d bytes", alloc)
			}
		})
	}
}

// allocated reports the bytes fn allocates.
func allocated(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

func TestDepthIsCapped(t *testing.T) {
	p := &parser{r: &blockReader{r: bytes.NewReader(bx("moov"))}, size: 8, info: &Info{}}
	called := false
	p.each(box{typ: "moov", size: 8, hdr: 8}, 8, maxDepth+1, func(box, int) { called = true })
	if called || !hasWarning(p.info, "nested more than") {
		t.Errorf("walked past maxDepth; warnings %q", p.info.Warnings)
	}
}

func TestNotQuickTime(t *testing.T) {
	cases := map[string][]byte{
		"empty":      nil,
		"short":      []byte("ftyp"),
		"wav":        cat([]byte("RIFF"), u32(36), []byte("WAVEfmt ")),
		"jpeg":       {0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 'J', 'F', 'I', 'F', 0},
		"size 5 box": cat(u32(5), []byte("ftyp")),
	}
	for name, b := range cases {
		if _, err := Read(bytes.NewReader(b), int64(len(b))); !errors.Is(err, ErrNotQuickTime) {
			t.Errorf("%s: err = %v, want ErrNotQuickTime", name, err)
		}
	}
}

// TestTruncatedFileKeepsWhatWasRead cuts a real movie (moov first) short at
// several points: each cut gives the headers before it and a warning.
func TestTruncatedFileKeepsWhatWasRead(t *testing.T) {
	full, err := os.ReadFile(filepath.Join(fixtures(t), "video/exiftool/QuickTime.mov"))
	if err != nil {
		t.Fatal(err)
	}
	// QuickTime.mov: mvhd ends at 116, the video trak at 1316, the sound trak at 1798.
	cases := []struct {
		cut    int
		tracks int
	}{{100, 0}, {1000, 1}, {1500, 2}, {2500, 2}}
	for _, c := range cases {
		info := read(t, full[:c.cut])
		if !hasWarning(info, "claims 3863 bytes") {
			t.Errorf("cut at %d: warnings %q", c.cut, info.Warnings)
		}
		if len(info.Tracks) != c.tracks {
			t.Errorf("cut at %d: %d tracks, want %d", c.cut, len(info.Tracks), c.tracks)
		}
		if c.cut > 116 && info.Created.IsZero() {
			t.Errorf("cut at %d: mvhd not read", c.cut)
		}
	}
	if info := read(t, full[:1000]); info.Tracks[0].Codec != "jpeg" || info.Tracks[0].Width != 320 {
		t.Errorf("cut at 1000: video track %+v", info.Tracks[0])
	}
}
