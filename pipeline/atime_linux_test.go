package pipeline

import (
	"io/fs"
	"path/filepath"
	"testing"
	"time"

	"github.com/rushes/rushes/fsutil/fsutiltest"
)

// A whole ingest (walk, probe, copy, read-back) leaves every access time on
// the card as it was, files and folders, on a file system that updates
// them on every read.
func TestIngestLeavesTheCardsAccessTimes(t *testing.T) {
	mnt := fsutiltest.Tmpfs(t, "strictatime")
	fx := newFixture(t)
	card := filepath.Join(mnt, "A002R1AB")
	for rel, b := range map[string][]byte{
		"A002R1AB/Clips/A002C004_181231_R1AB.mov": mustRead(t, "testdata/A002C004_181231_R1AB.mov"),
		"A002R1AB/Clips/notes.txt":                []byte("slate notes"),
	} {
		fx.fileAt(mnt, rel, b)
	}
	past := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	var paths []string
	filepath.WalkDir(card, func(p string, d fs.DirEntry, err error) error {
		if err == nil {
			paths = append(paths, p)
		}
		return nil
	})
	for _, p := range paths {
		fsutiltest.SetAtime(t, p, past)
	}
	if s := fx.run(fx.options(), card); s.Copied != 2 {
		t.Fatalf("ingest: %+v", s)
	}
	for _, p := range paths {
		if at := fsutiltest.Atime(t, p); !at.Equal(past) {
			t.Errorf("%s: access time %v, was %v", p, at, past)
		}
	}
}
