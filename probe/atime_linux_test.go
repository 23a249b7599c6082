package probe

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/rushes/rushes/fsutil/fsutiltest"
)

// Probing a card reads every kind of file rushes understands (QuickTime,
// BWF with iXML, Sony and Canon sidecars, names) and leaves the access time
// of each file and folder as the camera wrote it, even on a mount that
// updates atime on every read (strictatime): the README promises the source
// is not touched. The last case shows the mount is strict.
func TestProbeLeavesAtime(t *testing.T) {
	mnt := fsutiltest.Tmpfs(t, "size=4m,strictatime")
	card := filepath.Join(mnt, "Sc20_T4")
	files := map[string]string{ // on the card <- from the repository
		"C0001.MP4":                     "qt/testdata/iphone.mov",
		"C0001M01.XML":                  "sidecar/testdata/C0001M01.XML",
		"A001C001_250101AB_CANON.MXF":   "qt/testdata/prores2398.mov",
		"A001C001_250101AB_CANON.XML":   "sidecar/testdata/A001C001_250101AB_CANON.XML",
		"SOUND/T001.WAV":                "bwf/testdata/ixml_2997df.wav",
		"PRIVATE/M4ROOT/CLIP/C0002.MP4": "qt/testdata/dropframe2997.mov",
	}
	var targets []Target
	for rel, from := range files {
		b, err := os.ReadFile(from)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(card, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		targets = append(targets, Target{Path: p, Root: card})
	}
	past := time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)
	var touched []string
	filepath.Walk(card, func(p string, _ os.FileInfo, err error) error {
		if err == nil {
			touched = append(touched, p)
		}
		return err
	})
	for _, p := range touched {
		fsutiltest.SetAtime(t, p, past)
	}

	for _, r := range (&Prober{Location: time.UTC}).Files(context.Background(), targets, 4) {
		if r.Err != nil {
			t.Fatal(r.Err)
		}
		if r.Facts.Scene == "" && r.Facts.Codec == "" {
			t.Errorf("%s: nothing read (%v): the test reads nothing", r.Facts.Path, r.Facts.Warnings)
		}
	}
	for _, p := range touched {
		if got := fsutiltest.Atime(t, p); !got.Equal(past) {
			t.Errorf("probing moved the atime of %s to %s", p, got)
		}
	}

	control := filepath.Join(card, "C0001.MP4")
	if _, err := os.ReadFile(control); err != nil {
		t.Fatal(err)
	}
	if fsutiltest.Atime(t, control).Equal(past) {
		t.Fatalf("a plain read kept the atime of %s: the mount is not strictatime, the test proves nothing", control)
	}
}
