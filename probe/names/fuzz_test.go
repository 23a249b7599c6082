package names

import (
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/rushes/rushes/media"
)

// fuzzPatterns exercise the configured-pattern path, including a group
// named twice.
var fuzzPatterns = []string{
	`^EP\d+_SC(?P<scene>[^_]+)_TK(?P<take>\d+)$`,
	`(?i)^unit(?P<camera>[a-z])$`,
	`^Roll(?P<reel>.+)$`,
	`^(?:(?P<scene>\d{3})|S(?P<scene>\d{2}))-(?P<take>\d)$`,
}

var knownSchemes = map[string]bool{
	"": true, SchemeARRI: true, SchemeRED: true, SchemeBlackmagic: true, SchemeCanon: true, SchemeSony: true,
	SchemeGoPro: true, SchemeDJI: true, SchemeAVCHD: true, SchemeSoundDevices: true, SchemeZoom: true,
	SchemeMetacorder: true, SchemePattern: true,
}

// FuzzParse: any path parses without panic, deterministically, into values
// cut from the path (so never holding a separator) and consistent with each
// other.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"A004R1JL/Clips/A004C010_100610_R1JL.mov", "A_0076_1CTJ_hde/A_0076C001_230511_184122_h1CTJ.mxf",
		"A001_0502XY.RDM/A001_C002_0502A6.RDC/A001_C002_0502A6_001.R3D", "Proxy/A001_08151512_C001.braw",
		"BMC01_1_2012-08-08_1631_C0002.mov", "CONTENTS/CLIPS001/A001C001_220315AB_CANON.MXF",
		"PRIVATE/M4ROOT/THMBNL/C0001T01.JPG", "DCIM/100GOPRO/GL021234.LRV", "DCIM/DJI_001/DJI_20260809170748_0344_D.SRT",
		"PRIVATE/AVCHD/BDMV/STREAM/00000.MTS", "A101_1_1.WAV", "Scene_1_2AG-T001.TAKE/Scene_1_2AG-T001_Tr1.WAV",
		"Sr001-2C-01_01.WAV", "/card/Sc12_T3/clip.mov", `C:\Shoot\Scene 12\Take 3\x.mov`, "12A-3.mov",
		"UnitB/Roll4/EP2_SC12_TK3/S12-4.mov", "", "/", "..", "a/./b/../c", "\x00\xff/Sc\u00e912_T3",
	} {
		f.Add(s)
	}
	pats, err := CompilePatterns(fuzzPatterns)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, path string) {
		n := Parse(path, pats)
		if again := Parse(path, pats); !reflect.DeepEqual(n, again) {
			t.Fatalf("Parse(%q) not deterministic:\n%+v\n%+v", path, n, again)
		}
		checkName(t, path, n)
		// The same path given as a root folder and a path below it.
		if i := strings.IndexAny(path, `/\`); i >= 0 {
			checkName(t, path, ParseIn(path[:i], path[i+1:], pats))
		}
	})
}

func checkName(t *testing.T, path string, n Name) {
	t.Helper()
	values := map[string]string{
		"Camera": n.Camera, "Reel": n.Reel, "CameraID": n.CameraID, "Clip": n.Clip, "Recording": n.Recording,
		"Track": n.Track, "Scene": n.Scene, "Take": n.Take,
	}
	for field, v := range values {
		if strings.ContainsAny(v, `/\`) {
			t.Errorf("Parse(%q).%s = %q holds a path separator", path, field, v)
		}
		if !strings.Contains(path, v) {
			t.Errorf("Parse(%q).%s = %q is not cut from the path", path, field, v)
		}
	}
	if strings.ContainsAny(n.ClipKey, `/\`) {
		t.Errorf("Parse(%q).ClipKey = %q holds a path separator", path, n.ClipKey)
	}
	if !knownSchemes[n.Scheme] {
		t.Errorf("Parse(%q).Scheme = %q", path, n.Scheme)
	}
	if n.Take != "" && n.Scene == "" {
		t.Errorf("Parse(%q): take %q without a scene", path, n.Take)
	}
	if (n.Scene != "") != (n.SceneFrom != "") || (n.SceneFrom != "" && n.SceneFrom != media.FromFilename && n.SceneFrom != media.FromFolder) {
		t.Errorf("Parse(%q): scene %q from %q", path, n.Scene, n.SceneFrom)
	}
	if (n.Camera != "") != (n.CameraFrom != "") {
		t.Errorf("Parse(%q): camera %q from %q", path, n.Camera, n.CameraFrom)
	}
	if n.Chapter < 0 || n.Span < 0 {
		t.Errorf("Parse(%q): chapter %d span %d", path, n.Chapter, n.Span)
	}
	if !n.Date.IsZero() {
		if y := n.Date.Year(); y < minYear || y > maxYear || n.Date.Location() != time.UTC {
			t.Errorf("Parse(%q): date %v", path, n.Date)
		}
		if n.MonthDay.Month != n.Date.Month() || n.MonthDay.Day != n.Date.Day() {
			t.Errorf("Parse(%q): date %v but month-day %+v", path, n.Date, n.MonthDay)
		}
	}
	if md := n.MonthDay; md.Month != 0 && (md.Month > 12 || md.Day < 1 || md.Day > 31 || md.Clock < 0 || md.Clock >= 24*time.Hour) {
		t.Errorf("Parse(%q): month-day %+v", path, md)
	}
	if n.HasTime && n.MonthDay.Month == 0 {
		t.Errorf("Parse(%q): HasTime without a date", path)
	}
	if n.Scheme != "" && n.Scheme != SchemePattern && !strings.HasPrefix(n.ClipKey, n.Scheme+":") {
		t.Errorf("Parse(%q): scheme %q but ClipKey %q", path, n.Scheme, n.ClipKey)
	}
	if n.ClipKey == "" && n != (Name{}) {
		t.Errorf("Parse(%q): facts without a ClipKey: %+v", path, n)
	}
	if utf8.ValidString(path) && !utf8.ValidString(n.Scene+n.Take+n.Camera+n.Reel) {
		t.Errorf("Parse(%q) split a UTF-8 character", path)
	}
}

// TestTableNamesHoldInvariants runs the fuzz checks over every named case in
// the tests, so a plain `go test` covers them too.
func TestTableNamesHoldInvariants(t *testing.T) {
	pats := mustCompile(t, fuzzPatterns...)
	for _, p := range []string{
		"A004C010_100610_R1JL.mov", "A001_C002_0502A6_001.R3D", "A001_08151512_C001.braw", "B003_02290930_C012.braw",
		"DJI_20260809170748_0344_D.MP4", "Scene 12/Take 3/x.mov", "UnitB/Roll4/EP2_SC12_TK3/S12-4.mov", `C:\a\Sc1_T2\b.mov`,
	} {
		checkName(t, p, Parse(p, pats))
	}
}
