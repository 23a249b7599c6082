package main

import (
	"os"
	"testing"
)

// Move mode deletes a clip's sources only once the whole clip is recorded:
// a GoPro MP4 whose THM cannot be read keeps its source and is not
// catalogued; once the THM reads again, the rerun records the clip with
// both files and only then removes both sources (issue 12, defect 2).
func TestMoveModeKeepsSourcesOfAClipNotRecorded(t *testing.T) {
	s := newStation(t, "")
	card := s.path("card")
	mp4 := writeFile(t, card, "DCIM/100GOPRO/GX010001.MP4", pseudoRandom(300_000, 1))
	thm := writeFile(t, card, "DCIM/100GOPRO/GX010001.THM", pseudoRandom(5000, 2))
	if err := os.Chmod(thm, 0); err != nil {
		t.Fatal(err)
	}
	r := s.runCmd(withoutDAC(t, s.command(nil, "ingest", card, "--mode", "move")))
	if r.code != 1 {
		t.Errorf("a clip with an unreadable file: want exit 1, got %v", r)
	}
	if _, err := os.Stat(mp4); err != nil {
		t.Errorf("move mode deleted the MP4 of a clip that was never recorded whole: %v\n%v", err, r)
	}
	if n := s.catalogued(); n != 0 {
		t.Errorf("the catalog lists %d clips for a clip missing its THM, want 0", n)
	}

	if err := os.Chmod(thm, 0o644); err != nil {
		t.Fatal(err)
	}
	if r := s.rushes("ingest", card, "--mode", "move"); r.code != 0 {
		t.Fatalf("rerun with the THM readable: %v", r)
	}
	for _, p := range []string{mp4, thm} {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("move mode: %s still on the card after its clip was recorded (%v)", p, err)
		}
	}
	s.checkSafe(map[string][]byte{"GX010001.MP4": pseudoRandom(300_000, 1), "GX010001.THM": pseudoRandom(5000, 2)}, 1, s.lib)
}
