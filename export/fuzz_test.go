package export

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/rushes/rushes/media"
)

// FuzzReadALE feeds ReadALE arbitrary text. Seeds: testdata/fuzz/FuzzReadALE,
// the fixture ALEs and one rushes writes.
func FuzzReadALE(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(fixtures, "ale", "*.ale"))
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	var own bytes.Buffer
	if err := ALE(&own, dayClips(), ALEOptions{}); err != nil {
		f.Fatal(err)
	}
	f.Add(own.Bytes())
	f.Fuzz(func(t *testing.T, b []byte) {
		ale, err := ReadALE(bytes.NewReader(b))
		if err != nil {
			return
		}
		if len(ale.Columns) == 0 {
			t.Fatal("no columns and no error")
		}
		for _, row := range ale.Rows {
			if len(row) != len(ale.Columns) {
				t.Fatalf("row of %d values for %d columns", len(row), len(ale.Columns))
			}
		}
	})
}

// FuzzParseTimecode checks that what parses prints back as it was read.
func FuzzParseTimecode(f *testing.F) {
	for _, s := range []string{"00:00:00:00", "12:39:59:00", "10:00:59;28", "00:01:00;02", "23:59:59;29", "01:00:00;00"} {
		f.Add(s, int64(30000), int64(1001))
		f.Add(s, int64(24000), int64(1001))
		f.Add(s, int64(25), int64(1))
	}
	f.Fuzz(func(t *testing.T, s string, num, den int64) {
		r := media.Rate{Num: num, Den: den}
		if r.Float() > 1000 {
			return
		}
		tc, err := parseTimecode(s, r)
		if err != nil {
			return
		}
		back, err := parseTimecode(tc.String(), r)
		if err != nil || back != tc {
			t.Fatalf("%q at %v: %+v prints %q, which reads %+v (%v)", s, r, tc, tc.String(), back, err)
		}
	})
}
