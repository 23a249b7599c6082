package sidecar

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzReadSony feeds ReadSony arbitrary documents. Seeds:
// testdata/fuzz/FuzzReadSony and every XML file in testdata/.
func FuzzReadSony(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.XML"))
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := ReadSony(bytes.NewReader(b), 1<<16)
		if err != nil {
			if !errors.Is(err, ErrNotSony) && !errors.Is(err, ErrTooLarge) {
				t.Fatalf("unexpected error kind: %v", err)
			}
		} else {
			switch {
			case s.DurationFrames < 0 || s.Duration < 0:
				t.Fatalf("negative duration %d %v", s.DurationFrames, s.Duration)
			case len(s.Warnings) > maxWarnings+1:
				t.Fatalf("%d warnings", len(s.Warnings))
			case s.Timecode != nil && (s.Timecode.Rate.IsZero() || s.Timecode.Frames < 0):
				t.Fatalf("timecode %+v", *s.Timecode)
			}
			if s.Timecode != nil {
				_ = s.Timecode.String()
			}
		}
		// The Canon reader shares the walker: run it on the same input.
		if _, err := ReadCanon(bytes.NewReader(b), 1<<16); err != nil && !errors.Is(err, ErrNotCanon) && !errors.Is(err, ErrTooLarge) {
			t.Fatalf("canon: unexpected error kind: %v", err)
		}
	})
}
