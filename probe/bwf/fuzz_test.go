package bwf

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzRead feeds Read arbitrary bytes. Seeds: testdata/fuzz/FuzzRead (the
// fixtures shrunk and every generated file) and the files in testdata/.
func FuzzRead(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.wav"))
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		in, err := Read(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			if !errors.Is(err, ErrNotWAVE) {
				t.Fatalf("error other than ErrNotWAVE from an in-memory reader: %v", err)
			}
			return
		}
		switch {
		case in.DataBytes < 0 || in.DataBytes > int64(len(b)):
			t.Fatalf("data bytes %d in a %d-byte file", in.DataBytes, len(b))
		case in.Duration < 0 || in.Samples < 0:
			t.Fatalf("negative duration %v or samples %d", in.Duration, in.Samples)
		case len(in.Warnings) > maxWarnings+1:
			t.Fatalf("%d warnings", len(in.Warnings))
		case len(in.Tracks) > maxTracks:
			t.Fatalf("%d tracks", len(in.Tracks))
		case in.Timecode != nil && in.Rate.IsZero():
			t.Fatalf("timecode without a rate")
		case in.Drop && in.Rate.Nominal()%30 != 0:
			t.Fatalf("drop-frame at %v", in.Rate)
		}
		if in.Timecode != nil {
			_ = in.Timecode.String()
		}
		_, _, _ = in.TakeBase("A101_1_1.WAV")
	})
}
