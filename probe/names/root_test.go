package names

import (
	"regexp"
	"testing"
)

// The folder given to ingest (or dropped whole) is read for its slate like
// any folder below it, farthest from the file; card and roll names stay no
// slate, and nothing above the root counts.
func TestParseInReadsTheRootsSlate(t *testing.T) {
	tests := []struct {
		name, root, rel, scene, take, from string
	}{
		{"a slate folder dropped whole", "/ingest/Sc20_T4", "C0001.MP4", "20", "4", "folder"},
		{"only the root's name is given", "Sc20_T4", "C0001.MP4", "20", "4", "folder"},
		{"a scene root with take folders", "/shoot/Scene 12", "Take 3/clip.mov", "12", "3", "folder"},
		{"a nearer folder wins", "Sc20_T4", "Sc21_T1/clip.mov", "21", "1", "folder"},
		{"a take in the file name under a scene root", "/x/Sc12", "Take 4.mov", "12", "4", "folder"},
		{"the file's own slate wins", "Sc20_T4", "A101_3.WAV", "A101", "3", "filename"},
		{"a slate root above card structure", "/in/Sc20_T4", "PRIVATE/M4ROOT/CLIP/C0001.MP4", "20", "4", "folder"},
		{"a zoom take folder dropped whole", "/in/Scene_1_2AG-T001.TAKE", "notes.txt", "Scene_1_2AG", "001", "folder"},
		{"folders above the root are not read", "/Sc12_T3/CARD1", "C0001.MP4", "", "", ""},
		{"the root past four folders is not read", "/in/Sc12", "a/b/c/d/clip.mov", "", "", ""},
		{"a camera roll is no slate", "/in/A001", "A001C001_220315AB_CANON.MXF", "", "", ""},
		{"an ARRI reel is no slate", "/in/A004R1JL", "clip.mov", "", "", ""},
		{"a sound roll is no slate", "/in/SOUND_D3", "T001.WAV", "", "", ""},
		{"a sound day is no slate", "/in/SOUND_DAY3", "T001.WAV", "", "", ""},
		{"a card is no slate", "/in/CARD1", "C0001.MP4", "", "", ""},
		{"a drive root is no slate", "/", "C0001.MP4", "", "", ""},
		{"a windows drive is no slate", `C:\`, "C0001.MP4", "", "", ""},
		{"a windows slate folder", `D:\in\Sc20_T4`, "C0001.MP4", "20", "4", "folder"},
		{"camera structure as root is skipped", "/in/Sc12_T3/CLIP", "C0001.MP4", "", "", ""},
		{"no root", "", "C0001.MP4", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := ParseIn(tt.root, tt.rel, nil)
			if n.Scene != tt.scene || n.Take != tt.take || n.SceneFrom != tt.from {
				t.Errorf("ParseIn(%q, %q) scene %q take %q from %q; want %q %q %q", tt.root, tt.rel, n.Scene, n.Take, n.SceneFrom, tt.scene, tt.take, tt.from)
			}
		})
	}
}

// The root gives scene and take only: a card folder's camera and reel are
// the card's business, and a configured pattern's camera on the root is
// not taken either, its slate is.
func TestParseInTakesNoCameraFromTheRoot(t *testing.T) {
	patterns := []*regexp.Regexp{regexp.MustCompile(`^(?P<camera>[A-Z])_(?P<scene>\d+)-(?P<take>\d+)$`)}
	tests := []struct {
		name, root, rel   string
		patterns          []*regexp.Regexp
		camera, reel      string
		scene, take, from string
	}{
		{"camera folder root", "/in/A_CAM", "C0001.MP4", nil, "", "", "", "", ""},
		{"ARRI reel root", "/in/A004R1JL", "clip.mov", nil, "", "", "", "", ""},
		{"configured pattern on the root", "/in/B_12-3", "C0001.MP4", patterns, "", "", "12", "3", "folder"},
		{"camera folder below the root still counts", "/in/Sc20_T4", "B_CAM/C0001.MP4", nil, "B", "", "20", "4", "folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := ParseIn(tt.root, tt.rel, tt.patterns)
			if n.Camera != tt.camera || n.Reel != tt.reel || n.Scene != tt.scene || n.Take != tt.take || n.SceneFrom != tt.from {
				t.Errorf("ParseIn(%q, %q) camera %q reel %q scene %q take %q from %q; want %q %q %q %q %q",
					tt.root, tt.rel, n.Camera, n.Reel, n.Scene, n.Take, n.SceneFrom, tt.camera, tt.reel, tt.scene, tt.take, tt.from)
			}
		})
	}
}
