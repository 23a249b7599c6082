package pipeline

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"github.com/rushes/rushes/catalog"
)

func TestCardOf(t *testing.T) {
	root := "/drop"
	for _, c := range []struct{ path, want string }{
		{"/drop/C0001.MP4", "/drop"},                                      // the root is the card
		{"/drop/PRIVATE/M4ROOT/CLIP/C0001.MP4", "/drop"},                  // a Sony card given as root
		{"/drop/CARD1/PRIVATE/M4ROOT/THMBNL/C0001T01.JPG", "/drop/CARD1"}, // two cards in a drop
		{"/drop/day1/CARD2/DCIM/100GOPRO/GX010001.MP4", "/drop/day1/CARD2"},
		{"/drop/day1/CARD2/PRIVATE/AVCHD/BDMV/STREAM/00000.MTS", "/drop/day1/CARD2/PRIVATE"},
		{"/drop/shuttle/A002R2EC/Clips/A002C006_141024_R2EC.mov", "/drop/shuttle/A002R2EC"},
		{"/drop/SOUND_D1/A101_1.WAV", "/drop/SOUND_D1"}, // recorder folders: the first below root
		{"/drop/SOUND_D2/take/A101_1.WAV", "/drop/SOUND_D2"},
		{"/elsewhere/C0001.MP4", "/drop"},
	} {
		if got := cardOf(root, c.path); got != c.want {
			t.Errorf("cardOf(%s) = %s, want %s", c.path, got, c.want)
		}
	}
}

// Two cards in one drop whose cameras both counted from C0001, and two
// days of a recorder that names takes by slate: each recording is a clip of
// its own, the second of each name kept beside the first under a clash
// name; a card's own files (clip and thumbnail) stay one recording.
func TestCardsInOneDropKeepTheirRecordingsApart(t *testing.T) {
	fx := newFixture(t)
	for i, card := range []string{"CARD1", "CARD2"} {
		fx.file("drop/"+card+"/PRIVATE/M4ROOT/CLIP/C0001.MP4", bytes.Repeat([]byte{byte(i + 1)}, 1000))
		fx.file("drop/"+card+"/PRIVATE/M4ROOT/THMBNL/C0001T01.JPG", []byte{byte(i + 1), 0xd8})
		fx.file("drop/SOUND_D"+card[4:]+"/A101_1.WAV", bytes.Repeat([]byte{byte(i + 7)}, 500))
	}
	s := fx.run(fx.options(), filepath.Join(fx.dir, "drop"))
	if s.Copied != 6 || s.Failed != 0 {
		t.Fatalf("copied %d, failed %d %v", s.Copied, s.Failed, s.Failures)
	}
	clips, err := fx.cat.Clips(context.Background(), catalog.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(clips) != 4 {
		t.Fatalf("%d clips, want 4 (two C0001, two A101_1)", len(clips))
	}
	for _, c := range clips {
		want := 1
		if filepath.Ext(c.Name) == ".MP4" {
			want = 2 // with its thumbnail
		}
		if len(c.Files) != want {
			t.Errorf("clip %s has %d files, want %d", c.Name, len(c.Files), want)
		}
	}
}
