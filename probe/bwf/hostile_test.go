package bwf

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadSurvivesHostileFiles reads the damaged files under testdata/ and
// checks that each keeps what could be read and says what went wrong.
func TestReadSurvivesHostileFiles(t *testing.T) {
	cases := []struct {
		file     string
		warnings []string // substrings, one per expected warning, in order
		check    func(t *testing.T, in *Info)
	}{
		{"hostile_data_past_eof.wav", []string{"data chunk at offset 646 claims 1073741824 bytes, only 100 remain"},
			func(t *testing.T, in *Info) {
				wantInt(t, "data bytes", in.DataBytes, 100)
				wantStr(t, "scene", in.Scene, "5")
			}},
		{"hostile_ixml_4gb.wav", []string{"iXML chunk at offset 646 claims 4294967280 bytes, only", "over the 4194304-byte limit; not read"},
			func(t *testing.T, in *Info) {
				wantStr(t, "scene from description", in.Scene, "5")
				wantStr(t, "tc", fmt.Sprint(in.Timecode), "01:00:00:00")
			}},
		{"hostile_zero_size.wav", nil,
			func(t *testing.T, in *Info) { wantInt(t, "samples", in.Samples, 48); wantStr(t, "take", in.Take, "2") }},
		{"hostile_odd_sizes.wav", []string{`lacks its pad byte; reading "bext"`},
			func(t *testing.T, in *Info) {
				wantStr(t, "scene", in.Scene, "5")
				wantInt(t, "samples", in.Samples, 48)
			}},
		{"hostile_truncated_ixml.wav", []string{"iXML chunk at offset 750 claims", "XML syntax error"},
			func(t *testing.T, in *Info) {
				wantStr(t, "project read before the cut", in.Project, "Truncation")
				wantStr(t, "tape after the cut", in.Tape, "")
			}},
		{"hostile_rf64_no_ds64.wav", []string{"data chunk at offset 36 has no size; taking it to the end"},
			func(t *testing.T, in *Info) { wantInt(t, "data bytes", in.DataBytes, 200) }},
		{"hostile_rf64_ds64_huge.wav", []string{"file is truncated", "data chunk at offset 72 claims 5368709020 bytes, only 64 remain"},
			func(t *testing.T, in *Info) { wantInt(t, "data bytes", in.DataBytes, 64) }},
		{"hostile_garbage.wav", []string{`offset 140: "\x00\x01\x02\x03" is not a chunk id`},
			func(t *testing.T, in *Info) { wantInt(t, "samples", in.Samples, 48) }},
		{"hostile_bext_short.wav", []string{"bext chunk at offset 36 is 300 bytes", "origination date is empty"},
			func(t *testing.T, in *Info) {
				wantStr(t, "scene", in.Scene, "5")
				if in.HasTimeReference || in.Timecode != nil {
					t.Errorf("time reference read from a bext cut before it")
				}
			}},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			in, err := ReadFile(filepath.Join("testdata", c.file))
			if err != nil {
				t.Fatal(err)
			}
			if len(in.Warnings) != len(c.warnings) {
				t.Fatalf("warnings: got %q, want %d like %q", in.Warnings, len(c.warnings), c.warnings)
			}
			for i, w := range c.warnings {
				if !strings.Contains(in.Warnings[i], w) {
					t.Errorf("warning %d: got %q, want it to contain %q", i, in.Warnings[i], w)
				}
			}
			c.check(t, in)
		})
	}
}

func TestReadIgnoresBytesAfterTheRIFFForm(t *testing.T) {
	b := newWAV("RIFF").chunk("fmt ", fmtPCM(1, 48000, 16)).chunk("data", make([]byte, 96)).bytes()
	b = append(b, "ID3\x03\x00\x00\x00\x00\x00\x0a"...) // a tag some tools append
	in, err := Read(bytes.NewReader(b), int64(len(b)))
	if err != nil || len(in.Warnings) > 0 || in.Samples != 48 {
		t.Errorf("got %v, warnings %q, %d samples", err, in.Warnings, in.Samples)
	}
}

// TestReadUnclosedRecording reads a file whose recorder lost power before
// writing the sizes: data says 0 bytes, and audio follows.
func TestReadUnclosedRecording(t *testing.T) {
	w := (&wavBuilder{magic: "RIFF", riff: 4}).chunk("fmt ", fmtPCM(1, 48000, 16)).raw("data", 0, nil)
	w.body.Write(bytes.Repeat([]byte{0x55, 0xAA}, 4800)) // 100 ms of audio, not a chunk
	b := w.bytes()
	in, err := Read(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	if in.Samples != 4800 || len(in.Warnings) != 1 || !strings.Contains(in.Warnings[0], "says 0 bytes but audio follows") {
		t.Errorf("%d samples, warnings %q", in.Samples, in.Warnings)
	}
	// A real empty data chunk followed by a chunk stays empty.
	b = newWAV("RIFF").chunk("fmt ", fmtPCM(1, 48000, 16)).chunk("data", nil).chunk("JUNK", make([]byte, 8)).bytes()
	if in, _ := Read(bytes.NewReader(b), int64(len(b))); in.DataBytes != 0 || len(in.Warnings) > 0 {
		t.Errorf("empty data: %d bytes, warnings %q", in.DataBytes, in.Warnings)
	}
}

func TestReadStopsAfterTooManyChunks(t *testing.T) {
	w := newWAV("RIFF").chunk("fmt ", fmtPCM(1, 48000, 16))
	for range maxChunks + 10 {
		w.raw("JUNK", 0, nil)
	}
	in, err := Read(bytes.NewReader(w.bytes()), int64(len(w.bytes())))
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Warnings) != 1 || !strings.Contains(in.Warnings[0], "more than 16384 chunks") {
		t.Errorf("warnings: %q", in.Warnings)
	}
}

func TestReadKeepsAtMostMaxWarnings(t *testing.T) {
	// Every chunk a second "fmt ": one warning each.
	w := newWAV("RIFF")
	for range 100 {
		w.chunk("fmt ", fmtPCM(1, 48000, 16))
	}
	b := w.bytes()
	in, _ := Read(bytes.NewReader(b), int64(len(b)))
	if len(in.Warnings) != maxWarnings+1 || in.Warnings[maxWarnings] != "further warnings omitted" {
		t.Errorf("got %d warnings, last %q", len(in.Warnings), in.Warnings[len(in.Warnings)-1])
	}
}

// TestReadTruncationsOfAFixture cuts a real file at every length through
// its fmt and bext chunks, then every few bytes through its iXML, and checks
// that Read neither fails nor panics once the header is there.
func TestReadTruncationsOfAFixture(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(fixtureDir(t), "sound/sounddevices/A101_1_1.WAV"))
	if err != nil {
		t.Fatal(err)
	}
	b = b[:11000] // fmt, bext, iXML (646 to 10878) and the start of data
	var lengths []int
	for n := range len(b) {
		if n < 700 || n%61 == 0 || n >= 10870 {
			lengths = append(lengths, n)
		}
	}
	for _, n := range lengths {
		in, err := Read(bytes.NewReader(b[:n]), int64(n))
		if n < 12 {
			if !errors.Is(err, ErrNotWAVE) {
				t.Fatalf("%d bytes: got %v, want ErrNotWAVE", n, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%d bytes: %v", n, err)
		}
		if n >= 10886+8 && in.Scene != "A101" {
			t.Fatalf("%d bytes: scene %q once iXML is whole", n, in.Scene)
		}
	}
}

func TestReadRejectsWhatIsNotWAVE(t *testing.T) {
	for _, b := range []string{"", "RIFF", "RIFF\x04\x00\x00\x00AVI ", "RIFX\x04\x00\x00\x00WAVE", "\x00\x00\x00\x18ftypmp42"} {
		if _, err := Read(strings.NewReader(b), int64(len(b))); !errors.Is(err, ErrNotWAVE) {
			t.Errorf("%q: got %v, want ErrNotWAVE", b, err)
		}
	}
}

// shortReader reads fewer bytes than the size it was given: a file that
// shrank between stat and read.
func TestReadFileShorterThanItsSize(t *testing.T) {
	b := newWAV("RIFF").chunk("fmt ", fmtPCM(1, 48000, 16)).chunk("data", make([]byte, 96)).bytes()
	in, err := Read(bytes.NewReader(b), int64(len(b))+1000)
	if err != nil {
		t.Fatal(err)
	}
	if in.Channels != 1 || in.Samples != 48 {
		t.Errorf("got %d channels, %d samples", in.Channels, in.Samples)
	}
}

// failingReader fails every read past the header: a card pulled mid-read.
type failingReader struct{ b []byte }

func (f failingReader) ReadAt(p []byte, off int64) (int, error) {
	if off >= 12 {
		return 0, errors.New("input/output error")
	}
	return bytes.NewReader(f.b).ReadAt(p, off)
}

func TestReadReportsReadErrors(t *testing.T) {
	b := newWAV("RIFF").chunk("fmt ", fmtPCM(1, 48000, 16)).bytes()
	_, err := Read(failingReader{b}, int64(len(b)))
	if err == nil || !strings.Contains(err.Error(), "input/output error") {
		t.Errorf("got %v, want the read error", err)
	}
}

func TestReadExtensibleFormatUsesSubFormat(t *testing.T) {
	f := make([]byte, 40)
	copy(f, fmtPCM(2, 96000, 24))
	binary.LittleEndian.PutUint16(f[0:], formatExtensible)
	binary.LittleEndian.PutUint16(f[16:], 22)
	binary.LittleEndian.PutUint16(f[24:], formatFloat)
	b := newWAV("RIFF").chunk("fmt ", f).chunk("data", make([]byte, 96000*6)).bytes()
	in, err := Read(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	if in.Format != formatFloat || in.Duration.Seconds() != 1 {
		t.Errorf("format %#x duration %v", in.Format, in.Duration)
	}
}

func wantStr(t *testing.T, what, got, want string) {
	t.Helper()
	if got != want {
		t.Errorf("%s: got %q, want %q", what, got, want)
	}
}

func wantInt[T ~int | ~int64](t *testing.T, what string, got, want T) {
	t.Helper()
	if got != want {
		t.Errorf("%s: got %d, want %d", what, got, want)
	}
}
