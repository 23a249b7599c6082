package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/rushes/rushes/catalog"
)

// B007C042.MOV with the bytes of an ingested A001C002.MOV is not copied
// again, but it does not vanish: its name and its source path find the clip
// that holds its content, and a second ingest of its card knows it.
func TestSameBytesUnderAnotherNameAreAnotherSource(t *testing.T) {
	fx := newFixture(t)
	fx.file("cardA/A001C002.MOV", []byte("the same frames"))
	b := fx.file("cardB/B007C042.MOV", []byte("the same frames"))
	fx.run(fx.options(), filepath.Join(fx.dir, "cardA"))
	s := fx.run(fx.options(), filepath.Join(fx.dir, "cardB"))
	if s.Known != 1 || s.Copied != 0 {
		t.Fatalf("second card: %+v", s)
	}
	ctx := context.Background()
	for _, ref := range []string{"B007C042", "B007C042.MOV", b} {
		if c, err := fx.cat.FindClip(ctx, ref); err != nil || c.Name != "A001C002.MOV" {
			t.Errorf("FindClip(%s) = %s, %v; want the clip holding its content", ref, c.Name, err)
		}
	}
	if clips, err := fx.cat.Clips(ctx, catalog.Filter{Search: "B007"}); err != nil || len(clips) != 1 {
		t.Errorf("search B007: %d clips, %v", len(clips), err)
	}
	if f, ok, err := fx.cat.KnownSource(ctx, b, int64(len("the same frames")), fileMtime(t, b)); err != nil || !ok || filepath.Base(f.Path) != "A001C002.MOV" {
		t.Errorf("KnownSource(%s) = %v %v %v", b, f.Path, ok, err)
	}
}

// Three clips of one card with identical thumbnails keep one each, on
// every run: which are kept never depends on the order copies finish in.
func TestIdenticalFilesOfOneCardAreEachKept(t *testing.T) {
	for i := 0; i < 5; i++ {
		fx := newFixture(t)
		for _, n := range []string{"GX010001", "GX010002", "GX010003"} {
			fx.file("card/DCIM/100GOPRO/"+n+".MP4", []byte("frames of "+n))
			fx.file("card/DCIM/100GOPRO/"+n+".THM", []byte("the camera's blank thumbnail"))
		}
		s := fx.run(fx.options(), filepath.Join(fx.dir, "card"))
		if s.Copied != 6 || s.Known != 0 {
			t.Fatalf("try %d: %d copied, %d known; want all 6 copied", i, s.Copied, s.Known)
		}
	}
}

func fileMtime(t *testing.T, path string) time.Time {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.ModTime()
}
