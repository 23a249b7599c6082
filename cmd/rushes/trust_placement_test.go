package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// scenePlace is where the timecode-match pair's picture clip belongs:
// the sound take's scene, camera A.
var scenePlace = filepath.Join("2018-12-31", "A101", "A", "A002C004_181231_R1AB.mov")

// A picture clip whose sound is already catalogued is placed once, before
// a byte is copied: the dry run shows the scene folder, the real run
// copies it straight there (no move), and the backup mirrors the library
// (issue 12, defect 3).
func TestPictureAfterSoundIsPlacedOnce(t *testing.T) {
	s := newStation(t, "")
	shuttle := s.path("shuttle")
	want := mergeFiles(soundCard(t, s.path("cards")), pictureCard(t, s.path("cards")))
	if r := s.rushes("ingest", s.path("cards/SOUND"), "--backups", shuttle); r.code != 0 {
		t.Fatalf("sound ingest: %v", r)
	}
	picture := s.path("cards/A002R1AB")
	dry := s.rushes("ingest", "--dry-run", picture, "--backups", shuttle)
	if dry.code != 0 || !strings.Contains(dry.stdout, filepath.Join(s.lib, scenePlace)) || strings.Contains(dry.stdout, "unsorted") {
		t.Errorf("dry run does not plan the picture clip into scene A101 (%s): %v", scenePlace, dry)
	}
	r := s.rushes("ingest", picture, "--backups", shuttle)
	if r.code != 0 {
		t.Fatalf("picture ingest: %v", r)
	}
	if strings.Contains(r.stdout, "moved by timecode match") || strings.Contains(r.stderr, "unsorted") {
		t.Errorf("the picture clip was copied to unsorted and moved, not placed once:\n%v", r)
	}
	if _, err := os.Stat(filepath.Join(s.lib, scenePlace)); err != nil {
		t.Errorf("picture clip not in its scene: %v", err)
	}
	sameTree(t, s.lib, shuttle)
	s.checkSafe(want, 2, s.lib, shuttle)

	// Re-ingesting the card with the same backup changes nothing anywhere.
	if r := s.rushes("ingest", picture, "--backups", shuttle); r.code != 0 {
		t.Fatalf("second picture ingest: %v", r)
	}
	sameTree(t, s.lib, shuttle)
	s.checkSafe(want, 2, s.lib, shuttle)
}

// A later sound card that settles an already ingested picture clip moves
// it on every destination, and every destination's history knows it at
// its new place only.
func TestSoundAfterPictureMovesEveryDestination(t *testing.T) {
	s := newStation(t, "")
	shuttle := s.path("shuttle")
	want := mergeFiles(pictureCard(t, s.path("cards")), soundCard(t, s.path("cards")))
	if r := s.rushes("ingest", s.path("cards/A002R1AB"), "--backups", shuttle); r.code != 0 {
		t.Fatalf("picture ingest: %v", r)
	}
	r := s.rushes("ingest", s.path("cards/SOUND"), "--backups", shuttle)
	if r.code != 0 || !strings.Contains(r.stdout, "moved by timecode match") {
		t.Fatalf("sound ingest did not move the picture clip: %v", r)
	}
	for _, d := range []string{s.lib, shuttle} {
		if _, err := os.Stat(filepath.Join(d, scenePlace)); err != nil {
			t.Errorf("picture clip not moved into its scene on %s: %v", d, err)
		}
	}
	sameTree(t, s.lib, shuttle)
	s.checkSafe(want, 2, s.lib, shuttle)
}
