package qt

import (
	"testing"
	"time"

	"github.com/rushes/rushes/media"
)

// Hand-built files for layouts the fixtures do not have.

// mac converts a time to QuickTime's seconds since 1904.
func mac(t time.Time) uint64 { return uint64(t.Unix() + 2082844800) }

func TestMovieHeaderVersions(t *testing.T) {
	when := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	cases := []struct {
		name    string
		mvhd    []byte
		created time.Time
		dur     time.Duration
	}{
		{"v0", mvhd0(uint32(mac(when)), 600, 3003), when, 5005 * time.Millisecond},
		{"v1 64-bit fields", mvhd1(mac(when), 1000, 1<<33), when, (1 << 33) * time.Millisecond},
		{"v0 zero time", mvhd0(0, 90000, 90000), time.Time{}, time.Second},
		{"v0 Unix-epoch zero", mvhd0(2082844800, 1, 1), time.Time{}, time.Second},
		{"v1 indefinite duration", mvhd1(mac(when), 1000, 1<<64-1), when, 0},
		{"v0 zero timescale", mvhd0(uint32(mac(when)), 0, 100), when, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			info := read(t, cat(ftyp("qt  "), bx("moov", c.mvhd)))
			if !info.Created.Equal(c.created) || info.Duration != c.dur {
				t.Errorf("Created %v Duration %v, want %v %v", info.Created, info.Duration, c.created, c.dur)
			}
			if len(info.Warnings) > 0 {
				t.Errorf("warnings %q", info.Warnings)
			}
		})
	}
}

// tcMovie builds a movie with one timecode track whose start frame is the
// body of mdat, in the box forms the callers choose.
func tcMovie(mdat func(body []byte) []byte, moovBox func(parts ...[]byte) []byte, frame uint32, entry []byte, chunkTable func(off uint32) []byte) []byte {
	f := ftyp("qt  ")
	m := mdat(u32(frame))
	off := uint32(len(f) + len(m) - 4) // the frame is the last 4 bytes of mdat
	return cat(f, m, moovBox(mvhd0(0, 600, 600), trak("tmcd", 60000, 60060, entry, chunkTable(off))))
}

func TestBoxSizeForms(t *testing.T) {
	entry := tmcdBox(tmcdDropFrame, 60000, 1001, 60)
	stco32 := func(off uint32) []byte { return stco(off) }
	co64 := func(off uint32) []byte { return full("co64", 0, 0, u32(1), u64(uint64(off))) }
	mdat32 := func(b []byte) []byte { return bx("mdat", b) }
	mdat64 := func(b []byte) []byte { return large("mdat", b) }
	moov32 := func(parts ...[]byte) []byte { return bx("moov", parts...) }
	moov64 := func(parts ...[]byte) []byte { return large("moov", parts...) }
	moov0 := func(parts ...[]byte) []byte { // size 0: runs to the end of the file
		b := bx("moov", parts...)
		copy(b, u32(0))
		return b
	}
	cases := []struct {
		name string
		file []byte
	}{
		{"32-bit sizes, stco", tcMovie(mdat32, moov32, 215784, entry, stco32)},
		{"64-bit mdat and moov, co64", tcMovie(mdat64, moov64, 215784, entry, co64)},
		{"moov of size 0 last in the file", tcMovie(mdat64, moov0, 215784, entry, stco32)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			info := read(t, c.file)
			want := media.Timecode{Frames: 215784, Rate: media.Rate{Num: 60000, Den: 1001}, Drop: true}
			if info.Timecode == nil || *info.Timecode != want || info.Timecode.String() != "01:00:00;00" {
				t.Errorf("Timecode = %+v, want %+v (01:00:00;00)", info.Timecode, want)
			}
			if info.Duration != time.Second || len(info.Tracks) != 1 {
				t.Errorf("Duration %v, %d tracks", info.Duration, len(info.Tracks))
			}
			if len(info.Warnings) > 0 {
				t.Errorf("warnings %q", info.Warnings)
			}
		})
	}
}

func TestMdatOfSizeZeroAfterMoov(t *testing.T) {
	mdat := cat(u32(0), []byte("mdat"), make([]byte, 1000))
	info := read(t, cat(ftyp("mp42"), bx("moov", mvhd0(0, 1000, 2000)), mdat))
	if info.Duration != 2*time.Second || len(info.Warnings) > 0 {
		t.Errorf("Duration %v, warnings %q", info.Duration, info.Warnings)
	}
}

func TestNegativeTimecode(t *testing.T) {
	entry := tmcdBox(tmcdNegative, 25, 1, 25)
	file := tcMovie(func(b []byte) []byte { return bx("mdat", b) },
		func(p ...[]byte) []byte { return bx("moov", p...) }, 0xFFFFFFFF, entry,
		func(off uint32) []byte { return stco(off) })
	info := read(t, file)
	if info.Timecode == nil || info.Timecode.Frames != -1 || info.Timecode.Rate != media.Rate25 {
		t.Errorf("Timecode = %+v, want frame -1 at 25", info.Timecode)
	}
}

// appleMeta builds Apple keys/ilst metadata; iso adds the version and flags
// word that the ISO shape of meta has and QuickTime's lacks.
func appleMeta(iso bool, kv ...string) []byte {
	var keys, items []byte
	for i := 0; i+1 < len(kv); i += 2 {
		keys = append(keys, cat(u32(uint32(8+len(kv[i]))), []byte("mdta"), []byte(kv[i]))...)
		items = append(items, bx(string(u32(uint32(i/2+1))), bx("data", u32(1), u32(0), []byte(kv[i+1])))...)
	}
	body := cat(hdlr("mdta"), full("keys", 0, 0, u32(uint32(len(kv)/2)), keys), bx("ilst", items))
	if iso {
		body = cat(u32(0), body)
	}
	return bx("meta", body)
}

func TestAppleMetadataInBothMetaShapes(t *testing.T) {
	kv := []string{
		"com.apple.quicktime.creationdate", "2021-07-04T09:15:00-04:00",
		"com.apple.quicktime.make", "Apple",
		"com.apple.quicktime.model", "iPhone 12",
		"com.apple.quicktime.location.ISO6709", "+40.6892-074.0445+010.000/",
	}
	cases := []struct {
		name string
		moov []byte
	}{
		{"QuickTime meta in moov", bx("moov", mvhd0(0, 600, 0), appleMeta(false, kv...))},
		{"ISO meta in udta", bx("moov", mvhd0(0, 600, 0), bx("udta", appleMeta(true, kv...)))},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			info := read(t, cat(ftyp("qt  "), c.moov))
			want := time.Date(2021, 7, 4, 9, 15, 0, 0, time.FixedZone("", -4*3600))
			if _, off := info.CreationDate.Zone(); !info.CreationDate.Equal(want) || off != -4*3600 {
				t.Errorf("CreationDate = %v, want %v", info.CreationDate, want)
			}
			if info.Make != "Apple" || info.Model != "iPhone 12" {
				t.Errorf("Make/Model = %q/%q", info.Make, info.Model)
			}
			if got := info.Keys["com.apple.quicktime.location.ISO6709"]; got != kv[7] {
				t.Errorf("location = %q", got)
			}
			if len(info.Warnings) > 0 {
				t.Errorf("warnings %q", info.Warnings)
			}
		})
	}
}

func TestUserDataText(t *testing.T) {
	text := func(typ string, lang uint16, s string) []byte {
		return bx(typ, u16(uint16(len(s))), u16(lang), []byte(s))
	}
	udta := bx("udta",
		text("\xa9mak", 0, "Canon"),              // Macintosh English: Mac Roman
		text("\xa9mod", 0x55c4, "EOS R5 \u00e9"), // packed ISO 639 "und": UTF-8
		text("\xa9swr", 0, "Firmware \x8c"),      // Mac Roman å
		text("\xa9day", 0x55c4, "2022-03-01T08:00:00+0100"),
		bx("CAME", []byte{0xde, 0xad, 0xbe, 0xef}),
		u32(0)) // QuickTime's optional terminator
	info := read(t, cat(ftyp("qt  "), bx("moov", mvhd0(0, 600, 0), udta)))
	if info.Make != "Canon" || info.Model != "EOS R5 é" || info.Software != "Firmware å" || info.Serial != "deadbeef" {
		t.Errorf("Make/Model/Software/Serial = %q/%q/%q/%q", info.Make, info.Model, info.Software, info.Serial)
	}
	if info.UserData["©day"] != "2022-03-01T08:00:00+0100" {
		t.Errorf("UserData = %q", info.UserData)
	}
	if want := time.Date(2022, 3, 1, 7, 0, 0, 0, time.UTC); !info.CreationDate.Equal(want) {
		t.Errorf("CreationDate from ©day = %v, want %v", info.CreationDate, want)
	}
	if len(info.Warnings) > 0 {
		t.Errorf("warnings %q", info.Warnings)
	}
}

func TestFragmentsGiveRateAndDuration(t *testing.T) {
	visual := bx("avc1", make([]byte, 6), u16(1), make([]byte, 16), u16(1920), u16(1080), make([]byte, 50))
	moov := bx("moov", mvhd0(0, 1000, 0),
		trak("vide", 24000, 0, visual),
		bx("mvex", full("trex", 0, 0, u32(1), u32(1), u32(0), u32(0), u32(0))))
	trun := full("trun", 0, trunDuration|trunDataOffset, u32(3), u32(0), u32(1001), u32(1001), u32(1001))
	moof := bx("moof", full("mfhd", 0, 0, u32(1)), bx("traf", full("tfhd", 0, 0, u32(1)), trun))
	info := read(t, cat(ftyp("iso5"), moov, moof, bx("mdat"), moof, bx("mdat")))
	if !info.Fragmented || info.Tracks[0].Rate != media.Rate23976 || info.Tracks[0].Width != 1920 {
		t.Errorf("Fragmented %v, track %+v", info.Fragmented, info.Tracks[0])
	}
	if want := span(6*1001, 24000); info.Duration != want || info.Tracks[0].Duration != want {
		t.Errorf("Duration %v / %v, want %v", info.Duration, info.Tracks[0].Duration, want)
	}
}

func TestFrameRateFromMillisecondTimescale(t *testing.T) {
	cases := []struct {
		name      string
		timescale uint32
		stts      []uint32
		want      media.Rate
	}{
		{"exact 30000/1001", 30000, []uint32{100, 1001}, media.Rate2997},
		{"90 kHz 29.97", 90000, []uint32{100, 3003}, media.Rate2997},
		{"600 at 24", 600, []uint32{100, 25}, media.Rate24},
		{"2997/100", 2997, []uint32{10, 100}, media.Rate2997},
		{"ms 29.97: mostly 33 ms, mean 33.37", 1000, []uint32{63, 33, 37, 34}, media.Rate2997},
		{"ms 25", 1000, []uint32{50, 40}, media.Rate25},
		{"48000/2002", 48000, []uint32{5, 2002}, media.Rate23976},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var d deltas
			for i := 0; i+1 < len(c.stts); i += 2 {
				d.add(uint64(c.stts[i]), c.stts[i+1])
			}
			if got := d.rate(c.timescale); got != c.want {
				t.Errorf("rate = %v (%d/%d), want %v", got, got.Num, got.Den, c.want)
			}
		})
	}
}

func TestCreationDateForms(t *testing.T) {
	cases := []struct {
		in   string
		ok   bool
		want string
	}{
		{"2018-04-26T10:04:37+0900", true, "2018-04-26T10:04:37+09:00"},
		{"2018-04-26T10:04:37+09:00", true, "2018-04-26T10:04:37+09:00"},
		{"2018-04-26T10:04:37.123-0330", true, "2018-04-26T10:04:37.123-03:30"},
		{"2018-04-26T10:04:37Z", true, "2018-04-26T10:04:37Z"},
		{"2018-04-26T10:04:37", false, ""},
		{"2018", false, ""},
	}
	for _, c := range cases {
		got, ok := parseLocalTime(c.in)
		if ok != c.ok || (ok && got.Format(time.RFC3339Nano) != c.want) {
			t.Errorf("parseLocalTime(%q) = %v %v, want %q %v", c.in, got.Format(time.RFC3339Nano), ok, c.want, c.ok)
		}
	}
}
