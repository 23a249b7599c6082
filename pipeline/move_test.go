package pipeline

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/rushes/rushes/catalog"
)

// A GoPro recording whose THM fails to copy is not recorded, so move mode
// must keep every one of its sources, the MP4 too: the catalog would
// otherwise lose a clip whose only copy left the card.
func TestMoveModeKeepsTheSourcesOfAClipNotRecorded(t *testing.T) {
	fx := newFixture(t)
	mp4 := fx.file("card/DCIM/100GOPRO/GX010001.MP4", []byte("gopro frames"))
	thm := fx.file("card/DCIM/100GOPRO/GX010001.THM", []byte("thumbnail"))
	opts := fx.options()
	opts.Move = true
	sum, err := New(opts, fx.cat, nil, pullCard{victim: thm}).Run(context.Background(), []string{filepath.Join(fx.dir, "card")})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Failed == 0 {
		t.Fatalf("the pulled THM did not fail: %+v", sum)
	}
	if _, err := os.Stat(mp4); err != nil {
		t.Fatalf("move mode deleted the MP4 of a clip that was never recorded: %v", err)
	}
	if clips, _ := fx.cat.Clips(context.Background(), catalog.Filter{}); len(clips) != 0 {
		t.Errorf("the catalog lists %d clips, want none", len(clips))
	}
}

// A move-mode run killed after its clip was recorded and before its sources
// were deleted leaves them on the card; the next run deletes them (after
// reading them again) instead of leaving them there silently. A run that
// recorded them in copy mode leaves the same state.
func TestMoveModeFinishesAnInterruptedMove(t *testing.T) {
	fx := newFixture(t)
	src := fx.file("card/A001C001.MOV", []byte("picture"))
	fx.run(fx.options(), filepath.Join(fx.dir, "card")) // recorded, sources kept
	opts := fx.options()
	opts.Move = true
	s := fx.run(opts, filepath.Join(fx.dir, "card"))
	if s.Known != 1 || s.Failed != 0 {
		t.Fatalf("rerun: %+v", s)
	}
	if _, err := os.Stat(src); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the recorded clip's source is still on the card (%v)", err)
	}
	// A source that changed since it was recorded is kept.
	changed := fx.file("card2/A001C002.MOV", []byte("take one"))
	fx.run(fx.options(), filepath.Join(fx.dir, "card2"))
	f, _ := os.OpenFile(changed, os.O_WRONLY, 0)
	f.WriteAt([]byte("TAKE"), 0) // same size; the mtime is put back below
	f.Close()
	fi, _ := os.Stat(changed)
	os.Chtimes(changed, fi.ModTime(), fi.ModTime())
	clips, _ := fx.cat.Clips(context.Background(), catalog.Filter{Search: "A001C002"})
	if len(clips) != 1 {
		t.Fatal("second clip not recorded")
	}
	os.Chtimes(changed, clips[0].Files[0].SourceMtime, clips[0].Files[0].SourceMtime)
	s = fx.run(opts, filepath.Join(fx.dir, "card2"))
	if _, err := os.Stat(changed); err != nil {
		t.Errorf("move mode deleted a source that no longer matches its library copy: %v", err)
	}
	if s.Failed != 1 {
		t.Errorf("the changed source is not reported: %+v", s)
	}
}
