package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// A card given as a symbolic link is followed; links, pipes and sockets
// inside a card are skipped and named; an unreadable folder is named with
// its error and does not stop the walk of the rest.
func TestWalkFollowsTheGivenLinkAndNamesWhatItSkips(t *testing.T) {
	fx := newFixture(t)
	fx.file("real/CLIP/C0001.MP4", []byte("clip"))
	fx.file("real/CLIP/C0002.MP4", []byte("clip 2"))
	card := filepath.Join(fx.dir, "card")
	if err := os.Symlink(filepath.Join(fx.dir, "real"), card); err != nil {
		t.Fatal(err)
	}
	os.Symlink("C0001.MP4", filepath.Join(fx.dir, "real/CLIP/link.MP4"))
	if err := syscall.Mkfifo(filepath.Join(fx.dir, "real/CLIP/pipe"), 0o644); err != nil {
		t.Fatal(err)
	}
	fx.file("real/.DS_Store", []byte("junk"))
	locked := filepath.Join(fx.dir, "real/LOCKED")
	fx.file("real/LOCKED/C0003.MP4", []byte("clip 3"))
	os.Chmod(locked, 0)
	t.Cleanup(func() { os.Chmod(locked, 0o755) })

	sources, skipped, err := Walk(context.Background(), []string{card}, fx.lib, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(sources) < 2 || filepath.Base(sources[0].Path) != "C0001.MP4" {
		t.Fatalf("sources %+v: the linked card was not followed", sources)
	}
	reasons := map[string]Skipped{}
	for _, s := range skipped {
		reasons[filepath.Base(s.Path)] = s
	}
	if reasons["link.MP4"].Reason != "symbolic link" || reasons["pipe"].Reason != "named pipe" || !reasons[".DS_Store"].Junk() {
		t.Errorf("skipped %+v", skipped)
	}
	if os.Geteuid() == 0 {
		return // root reads every folder; the CLI test runs rushes unprivileged for this
	}
	if s := reasons["LOCKED"]; s.Err == nil {
		t.Errorf("the unreadable folder is not named with its error: %+v", skipped)
	}
	if len(sources) != 2 {
		t.Errorf("sources %+v", sources)
	}
}
