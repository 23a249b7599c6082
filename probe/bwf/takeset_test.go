package bwf

import (
	"path/filepath"
	"testing"
)

func TestTakeBaseFromNameAlone(t *testing.T) {
	cases := []struct {
		name  string
		base  string
		track int
		ok    bool
	}{
		{"Scene_1_2AG-T001_Tr1.WAV", "Scene_1_2AG-T001", 1, true},
		{"Scene_1_2AG-T001.TAKE/Scene_1_2AG-T001_Tr12.wav", "Scene_1_2AG-T001", 12, true},
		{"Scene_1_2AG-T001_TrL.WAV", "Scene_1_2AG-T001", 0, true},
		{"Scene_1_2AG-T001_TrLR.WAV", "Scene_1_2AG-T001", 0, true},
		{"A101_1.WAV", "A101_1", 0, false},
		{"A101_1_1.WAV", "A101_1_1", 0, false}, // ambiguous without iXML
		{"_Tr1.WAV", "_Tr1", 0, false},
		{"Intro_Track.WAV", "Intro_Track", 0, false},
		{"X_Tr-1.WAV", "X_Tr-1", 0, false},
	}
	for _, c := range cases {
		base, track, ok := TakeBase(c.name)
		if base != c.base || track != c.track || ok != c.ok {
			t.Errorf("%s: got %q %d %t", c.name, base, track, ok)
		}
	}
}

// TestTakeBaseUsesFileSet decides the Sound Devices and Metacorder cases
// with the fixtures' own iXML FILE_SET.
func TestTakeBaseUsesFileSet(t *testing.T) {
	root := fixtureDir(t)
	cases := []struct {
		file  string
		base  string
		track int
		ok    bool
	}{
		{"sound/sounddevices/A101_1.WAV", "A101_1", 0, false}, // poly: TOTAL_FILES 1
		{"sound/sounddevices/A101_1_1.WAV", "A101_1", 1, true},
		{"sound/sounddevices/A101_3.WAV", "A101_3", 0, false},
		{"sound/metacorder/Sr001-2C-01_01.WAV", "Sr001-2C-01", 1, true},
		{"sound/zoom_F8/Scene_1_2AG-T001.TAKE/Scene_1_2AG-T001_Tr2.WAV", "Scene_1_2AG-T001", 2, true},
	}
	for _, c := range cases {
		in, err := ReadFile(filepath.Join(root, c.file))
		if err != nil {
			t.Fatal(err)
		}
		base, track, ok := in.TakeBase(c.file)
		if base != c.base || track != c.track || ok != c.ok {
			t.Errorf("%s: got %q %d %t, want %q %d %t", c.file, base, track, ok, c.base, c.track, c.ok)
		}
	}
}
