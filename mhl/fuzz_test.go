package mhl

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParseHashList: a generation file is read from disks rushes does not
// control; parsing must never panic, and what it accepts stays inside the root.
func FuzzParseHashList(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join(fixtures, "mhl", "*", "*", "*", "ascmhl", "*.mhl"))
	for _, s := range seeds {
		if b, err := os.ReadFile(s); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`<hashlist version="2.0" xmlns="urn:ASC:MHL:v2.0"><hashes><hash><path size="1">a</path><previousPath>b</previousPath><c4>c4` +
		`1111111111111111111111111111111111111111111111111111111111111111111111111111111111111111</c4></hash></hashes></hashlist>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		hl, err := parseHashList(data)
		if err != nil {
			return
		}
		for _, e := range hl.Entries {
			if _, err := checkPath(e.Path); err != nil {
				t.Errorf("accepted entry path %q", e.Path)
			}
		}
		for _, r := range hl.Renames {
			if _, err := checkPath(r.From); err != nil {
				t.Errorf("accepted previous path %q", r.From)
			}
		}
		currentFiles([]HashList{*hl})
	})
}
