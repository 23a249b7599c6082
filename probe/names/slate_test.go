package names

import "testing"

// TestSlateForms reads the slate forms PAs and editors write into file and
// folder names, and refuses the look-alikes: a wrong scene is worse than
// none.
func TestSlateForms(t *testing.T) {
	tests := []struct {
		name, scene, take string
	}{
		{"Sc12_T3", "12", "3"},
		{"SC12-TK3", "12", "3"},
		{"sc12t3", "12", "3"},
		{"Sc 12 Tk 03", "12", "03"},
		{"Sc12A_T3", "12A", "3"},
		{"Sc12_3", "12", "3"},
		{"Scn47B-T2", "47B", "2"},
		{"S012_T003", "012", "003"},
		{"S12T3", "12", "3"},
		{"Scene 12 Take 3", "12", "3"},
		{"Scene12-Take3", "12", "3"},
		{"SCENE_12_3", "12", "3"},
		{"scene 1024 take 2", "1024", "2"},
		{"Scene 12, Take 3", "12", "3"},
		{"Sc12_T3_CamA", "12", "3"},
		{"Day2_Sc12_T3", "12", "3"},
		{"12A-3", "12A", "3"},
		{"12a_03", "12a", "03"},
		{"12AA-3", "12AA", "3"},
		{"47B_T2", "47B", "2"},
		{"47B Take 2", "47B", "2"},
		{"12_T3", "12", "3"},
		{"12-TK3", "12", "3"},
		{"2C-01", "2C", "01"},
		{"Scene 12", "12", ""},
		{"Scene_12A", "12A", ""},
		{"Sc12", "12", ""},
		{"SC 7", "7", ""},
		{"Scene_12_v2", "12", ""},
		{"Take 3", "", "3"},
		{"TK03", "", "03"},

		// Not slates.
		{"C0001", "", ""},
		{"IMG_1234", "", ""},
		{"MVI_1234", "", ""},
		{"DSC_0012", "", ""},
		{"GX011234", "", ""},
		{"2024-05-01", "", ""},
		{"240501_1", "", ""},
		{"A001C001_220315AB", "", ""},
		{"A001C001", "", ""},
		{"A004C010_100610_R1JL", "", ""},
		{"A001_C002_0502A6_001", "", ""},
		{"A_0076C001_230511_184122_h1CTJ", "", ""},
		{"DJI_20260809170748_0344_D", "", ""},
		{"20230615_EP101_Day01_MU", "", ""},
		{"4.69C-4T1", "", ""},
		{"469C-4-1", "", ""},
		{"12-3", "", ""},  // no pickup letter: could be a date fragment
		{"05-01", "", ""}, // a date
		{"4K-60", "", ""}, // resolution and rate
		{"8K_24", "", ""},
		{"720P_30", "", ""},
		{"1080i-50", "", ""},
		{"12I-3", "", ""}, // slates skip I and O
		{"12O-3", "", ""},
		{"12AB-3", "", ""},     // two different letters are not a pickup
		{"12\u212a-3", "", ""}, // the Kelvin sign folds into k, and is no slate letter
		{"12A-3 CamA", "", ""},
		{"misc12", "", ""},
		{"Screen 1", "", ""},
		{"Scan 2", "", ""},
		{"Scenes 12", "", ""},
		{"SC_0001", "", ""},
		{"sc12t3v2", "", ""},
		{"Mistake 3", "", ""},
		{"Day 3", "", ""},
		{"Card 1", "", ""},
		{"Roll 004", "", ""},
		{"A101", "", ""},
		{"S01E02", "", ""},
		{"T3", "", ""},
		{"Sr001-2C-01_01", "", ""}, // metacorder: its scheme reads it, on WAV only
		{"Scene_1_2AG", "", ""},    // Zoom's scene name goes on past "Scene_1"
		{"Scene 12 2nd unit", "", ""},
		{"sound_zoom_F8_Scene_1_2AG-T001.TAKE_Scene_1_2AG-T001_Tr1.WAV.exiftool", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			scene, take := slateFromName(tt.name)
			if scene != tt.scene || take != tt.take {
				t.Errorf("slateFromName(%q) = %q, %q; want %q, %q", tt.name, scene, take, tt.scene, tt.take)
			}
		})
	}
}

// TestParseSlateFromFolders reads scene and take from the folders above a
// file, nearest first, and keeps the file's own slate first.
func TestParseSlateFromFolders(t *testing.T) {
	tests := []struct {
		name, path, scene, take, from string
	}{
		{"scene and take folder", "/card/Sc12_T3/clip.mov", "12", "3", "folder"},
		{"scene folder then take folder", "Scene 12/Take 3/clip.mov", "12", "3", "folder"},
		{"take in the file name under a scene folder", "Sc12/Take 4.mov", "12", "4", "folder"},
		{"take above the scene is not used", "Take 3/Scene 12/clip.mov", "12", "", "folder"},
		{"a take alone places nothing", "Take 3/clip.mov", "", "", ""},
		{"file name before folder", "Sc12_T3/Sc14_T1.mov", "14", "1", "filename"},
		{"nearest folder first", "Sc12/Sc14/clip.mov", "14", "", "folder"},
		{"a take from a farther folder is not borrowed", "Sc12/Sc14_T2/Sc14/clip.mov", "14", "", "folder"},
		{"card structure is skipped", "ingest/Sc12_T3/CARD1/PRIVATE/M4ROOT/CLIP/C0001.MP4", "12", "3", "folder"},
		{"AVCHD structure is skipped", "Sc12_T3/PRIVATE/AVCHD/BDMV/STREAM/00000.MTS", "12", "3", "folder"},
		{"DCIM subfolders are skipped", "Scene 12/DCIM/100GOPRO/GX011234.MP4", "12", "", "folder"},
		{"ARRI card in a slate folder", "Day3/47B_T2/A004R1JL/Clips/A004C010_100610_R1JL.mov", "47B", "2", "folder"},
		{"folders too far up are not read", "Sc12/a/b/c/d/clip.mov", "", "", ""},
		{"four folders up is read", "Sc12/b/c/d/clip.mov", "12", "", "folder"},
		{"recorder slate before folder", "Sc12_T3/A101_3.WAV", "A101", "3", "filename"},
		{"zoom take folder", "Scene_1_2AG-T001.TAKE/notes.txt", "Scene_1_2AG", "001", "folder"},
		{"backslashes separate too", `C:\Shoot\Sc12_T3\clip.mov`, "12", "3", "folder"},
		{"date folders are no scene", "2024-05-01/Day 3/C0001.MP4", "", "", ""},
		{"camera file names are no scene", "A001C001_220315AB/clip.mov", "", "", ""},
		{"ALE path of an ALEXA 35 card", "/20230615_EP101_Day01_MU/Arri35/A_0076_1CTJ_hde/A_0076_1CTJ/A_0076C001_230511_184122_h1CTJ.mxf", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := Parse(tt.path, nil)
			if n.Scene != tt.scene || n.Take != tt.take || n.SceneFrom != tt.from {
				t.Errorf("Parse(%q) scene %q take %q from %q; want %q %q %q", tt.path, n.Scene, n.Take, n.SceneFrom, tt.scene, tt.take, tt.from)
			}
		})
	}
}

// TestParseCameraFromFolders reads camera and reel from card and camera
// folders when the file name does not say.
func TestParseCameraFromFolders(t *testing.T) {
	tests := []struct {
		name, path, camera, reel, cameraID, from string
	}{
		{"ARRI reel folder", "A002R2EC/Sidecar.txt", "A", "A002", "R2EC", "folder"},
		{"ALEXA 35 reel folder", "A_0076_1CTJ_hde/A_0076_1CTJ/report.pdf", "A", "A_0076", "1CTJ", "folder"},
		{"RED magazine", "A001_0502XY.RDM/notes.txt", "A", "A001", "", "folder"},
		{"RED clip folder", "B002_C014_0502A6.RDC/preview.jpg", "B", "B002", "", "folder"},
		{"camera folder", "Day1/B_CAM/CARD1/PRIVATE/M4ROOT/CLIP/C0001.MP4", "B", "", "", "folder"},
		{"camera folder, other spellings", "Cam C/IMG_0001.MOV", "C", "", "", "folder"},
		{"the file name before the folder", "B_CAM/A004C010_100610_R1JL.mov", "A", "A004", "R1JL", "filename"},
		{"a clip-shaped folder is no reel", "A001C001/clip.mov", "", "", "", ""},
		{"a slate-shaped folder is no reel", "S012T003/clip.mov", "", "", "", ""},
		{"webcam is no camera letter", "Webcam/clip.mov", "", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := Parse(tt.path, nil)
			if n.Camera != tt.camera || n.Reel != tt.reel || n.CameraID != tt.cameraID || n.CameraFrom != tt.from {
				t.Errorf("Parse(%q) camera %q reel %q id %q from %q; want %q %q %q %q",
					tt.path, n.Camera, n.Reel, n.CameraID, n.CameraFrom, tt.camera, tt.reel, tt.cameraID, tt.from)
			}
		})
	}
}
