package qt

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"
)

// Builders for hand-made files: each returns the bytes of one box.

func u16(v uint16) []byte { return binary.BigEndian.AppendUint16(nil, v) }
func u32(v uint32) []byte { return binary.BigEndian.AppendUint32(nil, v) }
func u64(v uint64) []byte { return binary.BigEndian.AppendUint64(nil, v) }

func cat(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

// bx is a box with a 32-bit size.
func bx(typ string, parts ...[]byte) []byte {
	body := cat(parts...)
	return cat(u32(uint32(8+len(body))), []byte(typ), body)
}

// large is a box with a 64-bit size (size field 1).
func large(typ string, parts ...[]byte) []byte {
	body := cat(parts...)
	return cat(u32(1), []byte(typ), u64(uint64(16+len(body))), body)
}

// full is a full box: version and flags before the body.
func full(typ string, version byte, flags uint32, parts ...[]byte) []byte {
	return bx(typ, append([]byte{version}, u32(flags)[1:]...), cat(parts...))
}

func ftyp(brand string) []byte { return bx("ftyp", []byte(brand), u32(0), []byte(brand)) }

// mvhd0 and mvhd1 are movie headers with the rest of their fields zero.
func mvhd0(created, timescale, duration uint32) []byte {
	return full("mvhd", 0, 0, u32(created), u32(created), u32(timescale), u32(duration), make([]byte, 80))
}

func mvhd1(created uint64, timescale uint32, duration uint64) []byte {
	return full("mvhd", 1, 0, u64(created), u64(created), u32(timescale), u64(duration), make([]byte, 80))
}

func hdlr(handler string) []byte {
	return full("hdlr", 0, 0, u32(0), []byte(handler), make([]byte, 12), []byte{0})
}

func mdhd(timescale, duration uint32) []byte {
	return full("mdhd", 0, 0, u32(0), u32(0), u32(timescale), u32(duration), u32(0))
}

func stts(pairs ...uint32) []byte {
	var b []byte
	for _, v := range pairs {
		b = append(b, u32(v)...)
	}
	return full("stts", 0, 0, u32(uint32(len(pairs)/2)), b)
}

func stco(offsets ...uint32) []byte {
	var b []byte
	for _, v := range offsets {
		b = append(b, u32(v)...)
	}
	return full("stco", 0, 0, u32(uint32(len(offsets))), b)
}

// tmcdBox is a timecode sample description (flags, timescale, frame
// duration, frame count byte) followed by extension boxes.
func tmcdBox(flags, timescale, frameDur uint32, frames byte, ext ...[]byte) []byte {
	return bx("tmcd", make([]byte, 6), u16(1), u32(0), u32(flags), u32(timescale), u32(frameDur), []byte{frames, 0}, cat(ext...))
}

// trak builds a track of the given handler holding one sample description.
func trak(handler string, timescale, duration uint32, entry []byte, tables ...[]byte) []byte {
	stsd := full("stsd", 0, 0, u32(1), entry)
	return bx("trak",
		full("tkhd", 0, 0, make([]byte, 8), u32(1), make([]byte, 60), u32(0), u32(0)),
		bx("mdia", mdhd(timescale, duration), hdlr(handler),
			bx("minf", bx("stbl", stsd, cat(tables...)))))
}

// moduleRoot finds the directory holding go.mod above the test's directory.
func moduleRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the test directory")
		}
		dir = parent
	}
}

// fixtures returns the shared fixtures folder, skipping the test when it is
// not there.
func fixtures(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(moduleRoot(t), "..", "shared", "fixtures")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("shared fixtures not found at %s (they sit beside the repository; CI has them): %v", dir, err)
	}
	return dir
}

func read(t *testing.T, data []byte) *Info {
	t.Helper()
	info, err := Read(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return info
}

func hasWarning(info *Info, substr string) bool {
	for _, w := range info.Warnings {
		if bytes.Contains([]byte(w), []byte(substr)) {
			return true
		}
	}
	return false
}
