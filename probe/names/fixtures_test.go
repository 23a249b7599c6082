package names

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// fixtures is ../shared/fixtures from the project root.
const fixtures = "../../../shared/fixtures"

func needFixtures(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(fixtures); err != nil {
		t.Skipf("fixtures not found at %s (CI has them): %v", fixtures, err)
	}
}

// TestFixtureNames parses every fixture path. The named ones must read as
// listed; every other file (golden outputs, exiftool samples, MHL
// generations, DTDs) must name no scene: they are the real-world negatives.
func TestFixtureNames(t *testing.T) {
	needFixtures(t)
	want := map[string]Name{
		"sound/sounddevices/A101_1.WAV": {Scheme: "sounddevices", Scene: "A101", Take: "1",
			SceneFrom: "filename", ClipKey: "sounddevices:A101_1"},
		"sound/sounddevices/A101_1_1.WAV": {Scheme: "sounddevices", Scene: "A101", Take: "1", Track: "1",
			SceneFrom: "filename", ClipKey: "sounddevices:A101_1"},
		"sound/sounddevices/A101_3.WAV": {Scheme: "sounddevices", Scene: "A101", Take: "3",
			SceneFrom: "filename", ClipKey: "sounddevices:A101_3"},
		"sound/zoom_F8/Scene_1_2AG-T001.TAKE/Scene_1_2AG-T001_Tr1.WAV": {Scheme: "zoom", Scene: "Scene_1_2AG", Take: "001", Track: "Tr1",
			SceneFrom: "filename", ClipKey: "zoom:SCENE_1_2AG-T001"},
		"sound/zoom_F8/Scene_1_2AG-T001.TAKE/Scene_1_2AG-T001_Tr2.WAV": {Scheme: "zoom", Scene: "Scene_1_2AG", Take: "001", Track: "Tr2",
			SceneFrom: "filename", ClipKey: "zoom:SCENE_1_2AG-T001"},
		"sound/metacorder/Sr001-2C-01_01.WAV": {Scheme: "metacorder", Reel: "Sr001", Scene: "2C", Take: "01", Track: "01",
			SceneFrom: "filename", ClipKey: "metacorder:SR001-2C-01"},
		"video/gopro/karma.mp4":   {ClipKey: "name:karma"},
		"video/exiftool/Red.r3d":  {ClipKey: "name:Red"},
		"video/exiftool/M2TS.mts": {ClipKey: "name:M2TS"},
	}
	for _, scenario := range []string{"scenario_01/travel_01", "scenario_03/travel_01", "scenario_03/file_server"} {
		for _, c := range []string{"C006", "C007"} {
			want["mhl/"+scenario+"/A002R2EC/Clips/A002"+c+"_141024_R2EC.mov"] = Name{Scheme: "arri", Camera: "A", Reel: "A002",
				CameraID: "R2EC", Clip: c, Date: day(2014, 10, 24), CameraFrom: "filename", ClipKey: "arri:A002" + c + "_141024_R2EC"}
		}
		want["mhl/"+scenario+"/A002R2EC/Sidecar.txt"] = Name{Camera: "A", Reel: "A002", CameraID: "R2EC",
			CameraFrom: "folder", ClipKey: "name:Sidecar"}
	}

	seen := 0
	err := filepath.WalkDir(fixtures, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(fixtures, p)
		if err != nil {
			return err
		}
		got := Parse(rel, nil)
		if w, ok := want[rel]; ok {
			seen++
			if w = complete(w); got != w {
				t.Errorf("Parse(%q)\n got %+v\nwant %+v", rel, got, w)
			}
		} else if got.Scene != "" || got.Take != "" {
			t.Errorf("Parse(%q) reads scene %q take %q from a name that carries none", rel, got.Scene, got.Take)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if seen != len(want) {
		t.Errorf("found %d of the %d named fixtures", seen, len(want))
	}
}

// TestFixtureNamesAgreeWithIXML: a recorder's file name and the iXML slate
// inside it (as exiftool reads it) say the same scene and take.
func TestFixtureNamesAgreeWithIXML(t *testing.T) {
	needFixtures(t)
	goldens, err := filepath.Glob(filepath.Join(fixtures, "golden", "sound_*.exiftool.json"))
	if err != nil || len(goldens) == 0 {
		t.Fatalf("no sound goldens: %v", err)
	}
	for _, g := range goldens {
		var tags []map[string]any
		readJSON(t, g, &tags)
		for _, tag := range tags {
			src, _ := tag["SourceFile"].(string)
			t.Run(src, func(t *testing.T) {
				n := Parse(src, nil)
				scene, take := fmt.Sprint(tag["XML:BwfxmlScene"]), fmt.Sprint(tag["XML:BwfxmlTake"])
				if n.Scene != scene || n.Take != take {
					t.Errorf("name says scene %q take %q, iXML says %q %q", n.Scene, n.Take, scene, take)
				}
				if tape, ok := tag["XML:BwfxmlTape"].(string); ok && n.Reel != "" && n.Reel != tape {
					t.Errorf("name says reel %q, iXML tape %q", n.Reel, tape)
				}
			})
		}
	}
}

// TestFixtureREDOriginalName: the R3D header's original file name parses to
// the camera, reel and day the header states.
func TestFixtureREDOriginalName(t *testing.T) {
	needFixtures(t)
	var tags []map[string]any
	readJSON(t, filepath.Join(fixtures, "golden", "video_exiftool_Red.r3d.exiftool.json"), &tags)
	tag := tags[0]
	n := Parse(tag["Red:OriginalFileName"].(string), nil)
	reel := fmt.Sprintf("%s%03d", tag["Red:CameraType"], int(tag["Red:ReelNumber"].(float64)))
	created, err := time.Parse("2006:01:02", tag["Red:DateCreated"].(string))
	if err != nil {
		t.Fatal(err)
	}
	if n.Scheme != "red" || n.Camera != tag["Red:CameraType"] || n.Reel != reel || n.Span != 2 ||
		n.MonthDay.Month != created.Month() || n.MonthDay.Day != created.Day() {
		t.Errorf("Parse(%v) = %+v; header says camera %v reel %s created %v", tag["Red:OriginalFileName"], n, tag["Red:CameraType"], reel, created)
	}
	if got, ok := n.DateNear(created.Add(30 * 24 * time.Hour)); !ok || !got.Equal(created) {
		t.Errorf("DateNear = %v, %v; want %v", got, ok, created)
	}
}

// TestFixtureALEPaths: the file paths in real ALEs (a classic ALEXA with a
// Windows path, an ALEXA 35 card) parse to the reel, camera ID, camera and
// date the camera metadata columns state, and their folders name no scene.
func TestFixtureALEPaths(t *testing.T) {
	needFixtures(t)
	for _, file := range []string{"sample_blanks.ale", "sample_no_blanks.ale"} {
		rows := readALE(t, filepath.Join(fixtures, "ale", file))
		if len(rows) == 0 {
			t.Fatalf("%s: no data rows", file)
		}
		for _, row := range rows {
			path := row["Filepath"] + row["Source File Path"]
			t.Run(file+"/"+row["Name"], func(t *testing.T) {
				n := Parse(path, nil)
				if n.Scheme != "arri" || n.Scene != "" || n.Take != "" {
					t.Fatalf("Parse(%q) = %+v, want ARRI without a scene", path, n)
				}
				reel := n.Reel + n.CameraID
				if strings.Contains(n.Reel, "_") {
					reel = n.Reel + "_" + n.CameraID // ALEXA 35
				}
				if want := row["Reel"] + row["reelName"]; reel != want {
					t.Errorf("reel name %q, ALE says %q", reel, want)
				}
				if want := row["Camera ID"]; want != "" && n.CameraID != want {
					t.Errorf("camera ID %q, ALE says %q", n.CameraID, want)
				}
				if want := strings.TrimRight(row["Camera"], "_"); n.Camera != want {
					t.Errorf("camera %q, ALE says %q", n.Camera, want)
				}
				if want := row["clipNumber"]; want != "" && strings.TrimLeft(n.Clip[1:], "0") != want {
					t.Errorf("clip %q, ALE says %q", n.Clip, want)
				}
				if want := row["Shoot date"]; want != "" && n.Date.Format("20060102") != want {
					t.Errorf("date %v, ALE says %q", n.Date, want)
				}
				if want := row["CreationTime"]; want != "" {
					created, err := time.Parse("2006 1 2 15:04:05", strings.Split(want, ",")[0])
					if err != nil {
						t.Fatal(err)
					}
					if !n.HasTime || !n.Date.Equal(created) {
						t.Errorf("date %v, ALE says created %v", n.Date, created)
					}
				}
				if cam := row["Camroll"]; cam != "" && Parse(cam, nil).ClipKey != n.ClipKey {
					t.Errorf("the ARRIRAW original %q keys apart from %q", cam, path)
				}
				if audio := row["Audiofile"]; audio != "" {
					if a := Parse(audio, nil); a.Scene != "" {
						t.Errorf("Parse(%q) reads scene %q: this sound naming is not one rushes knows", audio, a.Scene)
					}
				}
			})
		}
	}
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// readALE reads an ALE's Data rows keyed by the Column names; blank lines
// between sections are allowed.
func readALE(t *testing.T, path string) []map[string]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var cols []string
	var rows []map[string]string
	section := ""
	for _, line := range strings.Split(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n") {
		switch {
		case line == "Heading" || line == "Column" || line == "Data":
			section = line
		case strings.TrimSpace(line) == "":
		case section == "Column" && cols == nil:
			cols = strings.Split(line, "\t")
		case section == "Data":
			row := map[string]string{}
			for i, v := range strings.Split(line, "\t") {
				if i < len(cols) {
					row[cols[i]] = v
				}
			}
			rows = append(rows, row)
		}
	}
	if cols == nil {
		t.Fatalf("%s: no Column line (%s)", path, strconv.Quote(section))
	}
	return rows
}
