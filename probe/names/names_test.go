package names

import (
	"reflect"
	"testing"
	"time"
)

// day and at build expected dates: wall clocks in UTC, as Parse returns them.
func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func at(y int, m time.Month, d, hh, mm, ss int) time.Time {
	return time.Date(y, m, d, hh, mm, ss, 0, time.UTC)
}

// complete fills what a table row leaves implied: a full Date always comes
// with its MonthDay.
func complete(n Name) Name {
	if !n.Date.IsZero() && n.MonthDay == (MonthDay{}) {
		hh, mm, ss := n.Date.Clock()
		n.MonthDay = MonthDay{Month: n.Date.Month(), Day: n.Date.Day(), Clock: clock(hh, mm, ss)}
	}
	return n
}

// TestParseCameraSchemes reads real-world-looking names of every scheme,
// and names that look close but belong to none.
func TestParseCameraSchemes(t *testing.T) {
	const file, folder = "filename", "folder"
	tests := []struct {
		path string
		want Name
	}{
		// ARRI
		{"A004C010_100610_R1JL.mov", Name{Scheme: "arri", Camera: "A", Reel: "A004", CameraID: "R1JL", Clip: "C010",
			Date: day(2010, 6, 10), CameraFrom: file, ClipKey: "arri:A004C010_100610_R1JL"}},
		{"A004R1JL/A004C010_20100610_R1JL.mov", Name{Scheme: "arri", Camera: "A", Reel: "A004", CameraID: "R1JL", Clip: "C010",
			Date: day(2010, 6, 10), CameraFrom: file, ClipKey: "arri:A004C010_20100610_R1JL"}},
		{"mhl/A002R2EC/Clips/A002C006_141024_R2EC.mov", Name{Scheme: "arri", Camera: "A", Reel: "A002", CameraID: "R2EC", Clip: "C006",
			Date: day(2014, 10, 24), CameraFrom: file, ClipKey: "arri:A002C006_141024_R2EC"}},
		{"A004C010_100610_R1JL/A004C010_100610_R1JL.0000123.ari", Name{Scheme: "arri", Camera: "A", Reel: "A004", CameraID: "R1JL", Clip: "C010",
			Date: day(2010, 6, 10), CameraFrom: file, ClipKey: "arri:A004C010_100610_R1JL"}},
		{"b012c003_231224_rk9t.mxf", Name{Scheme: "arri", Camera: "b", Reel: "b012", CameraID: "rk9t", Clip: "c003",
			Date: day(2023, 12, 24), CameraFrom: file, ClipKey: "arri:B012C003_231224_RK9T"}},
		{"A004C010_101332_R1JL.mov", Name{Scheme: "arri", Camera: "A", Reel: "A004", CameraID: "R1JL", Clip: "C010",
			CameraFrom: file, ClipKey: "arri:A004C010_101332_R1JL"}}, // month 13: no date, still ARRI
		{"A_0076_1CTJ_hde/A_0076C001_230511_184122_h1CTJ.mxf", Name{Scheme: "arri", Camera: "A", Reel: "A_0076", CameraID: "1CTJ", Clip: "C001",
			Date: at(2023, 5, 11, 18, 41, 22), HasTime: true, CameraFrom: file, ClipKey: "arri:A_0076C001_230511_184122_1CTJ"}},
		{"BC0002C017_240102_063000_a7XQ2.arx", Name{Scheme: "arri", Camera: "BC", Reel: "BC0002", CameraID: "7XQ2", Clip: "C017",
			Date: at(2024, 1, 2, 6, 30, 0), HasTime: true, CameraFrom: file, ClipKey: "arri:BC0002C017_240102_063000_7XQ2"}},

		// RED
		{"A001_0502XY.RDM/A001_C002_0502A6.RDC/A001_C002_0502A6_001.R3D", Name{Scheme: "red", Camera: "A", Reel: "A001", Clip: "C002", Span: 1,
			MonthDay: MonthDay{Month: 5, Day: 2}, CameraFrom: file, ClipKey: "red:A001_C002_0502A6"}},
		{"A001_C002_0502A6.RDC/A001_C002_0502A6_002.R3D", Name{Scheme: "red", Camera: "A", Reel: "A001", Clip: "C002", Span: 2,
			MonthDay: MonthDay{Month: 5, Day: 2}, CameraFrom: file, ClipKey: "red:A001_C002_0502A6"}},
		{"A001_C002_0502A6.RDC/A001_C002_0502A6.RMD", Name{Scheme: "red", Camera: "A", Reel: "A001", Clip: "C002",
			MonthDay: MonthDay{Month: 5, Day: 2}, CameraFrom: file, ClipKey: "red:A001_C002_0502A6"}},
		{"A106_C037_0118G5_002.R3D", Name{Scheme: "red", Camera: "A", Reel: "A106", Clip: "C037", Span: 2,
			MonthDay: MonthDay{Month: 1, Day: 18}, CameraFrom: file, ClipKey: "red:A106_C037_0118G5"}},
		{"C004_B012_1204CE_001.R3D", Name{Scheme: "red", Camera: "C", Reel: "C004", Clip: "B012", Span: 1,
			MonthDay: MonthDay{Month: 12, Day: 4}, CameraFrom: file, ClipKey: "red:C004_B012_1204CE"}},
		{"A001_C002_0231A6_001.R3D", Name{Scheme: "red", Camera: "A", Reel: "A001", Clip: "C002", Span: 1,
			CameraFrom: file, ClipKey: "red:A001_C002_0231A6"}}, // 31 February: no date

		// Blackmagic
		{"A001_08151512_C001.braw", Name{Scheme: "blackmagic", Camera: "A", Reel: "A001", Clip: "C001",
			MonthDay: MonthDay{Month: 8, Day: 15, Clock: 15*time.Hour + 12*time.Minute}, HasTime: true, CameraFrom: file,
			ClipKey: "blackmagic:A001_08151512_C001"}},
		{"Proxy/A001_08151512_C001.mov", Name{Scheme: "blackmagic", Camera: "A", Reel: "A001", Clip: "C001",
			MonthDay: MonthDay{Month: 8, Day: 15, Clock: 15*time.Hour + 12*time.Minute}, HasTime: true, CameraFrom: file,
			ClipKey: "blackmagic:A001_08151512_C001"}},
		{"B003_02290930_C012.braw", Name{Scheme: "blackmagic", Camera: "B", Reel: "B003", Clip: "C012",
			MonthDay: MonthDay{Month: 2, Day: 29, Clock: 9*time.Hour + 30*time.Minute}, HasTime: true, CameraFrom: file,
			ClipKey: "blackmagic:B003_02290930_C012"}},
		{"A001_08152512_C001.braw", Name{Scheme: "blackmagic", Camera: "A", Reel: "A001", Clip: "C001", CameraFrom: file,
			ClipKey: "blackmagic:A001_08152512_C001"}}, // hour 25: no date
		{"BMC01_1_2012-08-08_1631_C0002.mov", Name{Scheme: "blackmagic", Reel: "1", CameraID: "BMC01", Clip: "C0002",
			Date: at(2012, 8, 8, 16, 31, 0), HasTime: true, ClipKey: "blackmagic:BMC01_1_2012-08-08_1631_C0002"}},

		// Canon Cinema EOS
		{"CONTENTS/CLIPS001/A001C001_220315AB_CANON.MXF", Name{Scheme: "canon", Camera: "A", Reel: "A001", Clip: "C001",
			Date: day(2022, 3, 15), CameraFrom: file, ClipKey: "canon:A001C001_220315AB_CANON"}},
		{"CONTENTS/CLIPS001/A001C001_220315AB_CANON.XML", Name{Scheme: "canon", Camera: "A", Reel: "A001", Clip: "C001",
			Date: day(2022, 3, 15), CameraFrom: file, ClipKey: "canon:A001C001_220315AB_CANON"}},
		{"B002D014_230704X7_C70.CRM", Name{Scheme: "canon", Camera: "B", Reel: "B002", Clip: "D014",
			Date: day(2023, 7, 4), CameraFrom: file, ClipKey: "canon:B002D014_230704X7_C70"}},

		// Sony
		{"PRIVATE/M4ROOT/CLIP/C0001.MP4", Name{Scheme: "sony", Clip: "C0001", ClipKey: "sony:C0001"}},
		{"PRIVATE/M4ROOT/CLIP/C0001M01.XML", Name{Scheme: "sony", Clip: "C0001", ClipKey: "sony:C0001"}},
		{"PRIVATE/M4ROOT/THMBNL/C0001T01.JPG", Name{Scheme: "sony", Clip: "C0001", ClipKey: "sony:C0001"}},
		{"XDROOT/Clip/C0042S01.MXF", Name{Scheme: "sony", Clip: "C0042", ClipKey: "sony:C0042"}},
		{"A001C001_220315AB.MXF", Name{Scheme: "sony", Camera: "A", Reel: "A001", Clip: "C001",
			Date: day(2022, 3, 15), CameraFrom: file, ClipKey: "sony:A001C001_220315AB"}},
		{"A001C001_150903T1M01.XML", Name{Scheme: "sony", Camera: "A", Reel: "A001", Clip: "C001",
			Date: day(2015, 9, 3), CameraFrom: file, ClipKey: "sony:A001C001_150903T1"}},

		// GoPro
		{"DCIM/100GOPRO/GX011234.MP4", Name{Scheme: "gopro", Clip: "1234", Recording: "1234", Chapter: 1, ClipKey: "gopro:1234"}},
		{"DCIM/100GOPRO/GX021234.MP4", Name{Scheme: "gopro", Clip: "1234", Recording: "1234", Chapter: 2, ClipKey: "gopro:1234"}},
		{"DCIM/100GOPRO/GH011234.MP4", Name{Scheme: "gopro", Clip: "1234", Recording: "1234", Chapter: 1, ClipKey: "gopro:1234"}},
		{"DCIM/100GOPRO/GL011234.LRV", Name{Scheme: "gopro", Clip: "1234", Recording: "1234", Chapter: 1, ClipKey: "gopro:1234"}},
		{"DCIM/100GOPRO/GX011234.THM", Name{Scheme: "gopro", Clip: "1234", Recording: "1234", Chapter: 1, ClipKey: "gopro:1234"}},
		{"DCIM/100GOPRO/GOPR0042.MP4", Name{Scheme: "gopro", Clip: "0042", Recording: "0042", Chapter: 1, ClipKey: "gopro:0042"}},
		{"DCIM/100GOPRO/GP010042.MP4", Name{Scheme: "gopro", Clip: "0042", Recording: "0042", Chapter: 2, ClipKey: "gopro:0042"}},
		{"DCIM/100GOPRO/GOPR0042.LRV", Name{Scheme: "gopro", Clip: "0042", Recording: "0042", Chapter: 1, ClipKey: "gopro:0042"}},
		{"gx031234.mp4", Name{Scheme: "gopro", Clip: "1234", Recording: "1234", Chapter: 3, ClipKey: "gopro:1234"}},

		// DJI
		{"DCIM/DJI_001/DJI_20260809170748_0344_D.MP4", Name{Scheme: "dji", Clip: "0344", Recording: "0344",
			Date: at(2026, 8, 9, 17, 7, 48), HasTime: true, ClipKey: "dji:DJI_20260809170748_0344_D"}},
		{"DCIM/DJI_001/DJI_20260809170748_0344_D.LRF", Name{Scheme: "dji", Clip: "0344", Recording: "0344",
			Date: at(2026, 8, 9, 17, 7, 48), HasTime: true, ClipKey: "dji:DJI_20260809170748_0344_D"}},
		{"DCIM/DJI_001/DJI_20260809170748_0344_D.SRT", Name{Scheme: "dji", Clip: "0344", Recording: "0344",
			Date: at(2026, 8, 9, 17, 7, 48), HasTime: true, ClipKey: "dji:DJI_20260809170748_0344_D"}},
		{"DCIM/100MEDIA/DJI_0344.MP4", Name{Scheme: "dji", Clip: "0344", Recording: "0344", ClipKey: "dji:DJI_0344"}},
		{"DJI_20261309170748_0344_D.MP4", Name{Scheme: "dji", Clip: "0344", Recording: "0344",
			ClipKey: "dji:DJI_20261309170748_0344_D"}}, // month 13: no date

		// AVCHD
		{"PRIVATE/AVCHD/BDMV/STREAM/00000.MTS", Name{Scheme: "avchd", Clip: "00000", ClipKey: "avchd:00000"}},
		{"PRIVATE/AVCHD/BDMV/CLIPINF/00000.CPI", Name{Scheme: "avchd", Clip: "00000", ClipKey: "avchd:00000"}},
		{"BDMV/STREAM/00012.m2ts", Name{Scheme: "avchd", Clip: "00012", ClipKey: "avchd:00012"}},
		{"PRIVATE/AVCHD/BDMV/PLAYLIST/00000.MPL", Name{ClipKey: "name:00000"}},
		{"00000.MP4", Name{ClipKey: "name:00000"}},

		// Sound Devices
		{"A101_1.WAV", Name{Scheme: "sounddevices", Scene: "A101", Take: "1", SceneFrom: file, ClipKey: "sounddevices:A101_1"}},
		{"A101_1_1.WAV", Name{Scheme: "sounddevices", Scene: "A101", Take: "1", Track: "1", SceneFrom: file, ClipKey: "sounddevices:A101_1"}},
		{"A101_1_2.wav", Name{Scheme: "sounddevices", Scene: "A101", Take: "1", Track: "2", SceneFrom: file, ClipKey: "sounddevices:A101_1"}},
		{"A101_3.WAV", Name{Scheme: "sounddevices", Scene: "A101", Take: "3", SceneFrom: file, ClipKey: "sounddevices:A101_3"}},
		{"12A_4.wav", Name{Scheme: "sounddevices", Scene: "12A", Take: "4", SceneFrom: file, ClipKey: "sounddevices:12A_4"}},
		{"101_12.wav", Name{Scheme: "sounddevices", Scene: "101", Take: "12", SceneFrom: file, ClipKey: "sounddevices:101_12"}},
		{"Audio_001.wav", Name{ClipKey: "name:Audio_001"}},
		{"Lav1_01.wav", Name{ClipKey: "name:Lav1_01"}},
		{"CH1_01.WAV", Name{ClipKey: "name:CH1_01"}},
		{"230415_001.WAV", Name{ClipKey: "name:230415_001"}},
		{"A101_3.MOV", Name{ClipKey: "name:A101_3"}},

		// Zoom
		{"Scene_1_2AG-T001.TAKE/Scene_1_2AG-T001_Tr1.WAV", Name{Scheme: "zoom", Scene: "Scene_1_2AG", Take: "001", Track: "Tr1",
			SceneFrom: file, ClipKey: "zoom:SCENE_1_2AG-T001"}},
		{"Scene_1_2AG-T001.TAKE/Scene_1_2AG-T001_Tr2.WAV", Name{Scheme: "zoom", Scene: "Scene_1_2AG", Take: "001", Track: "Tr2",
			SceneFrom: file, ClipKey: "zoom:SCENE_1_2AG-T001"}},
		{"Scene_1_2AG-T001.TAKE/Scene_1_2AG-T001.WAV", Name{Scheme: "zoom", Scene: "Scene_1_2AG", Take: "001",
			SceneFrom: file, ClipKey: "zoom:SCENE_1_2AG-T001"}},
		{"47B-T012_TrLR.WAV", Name{Scheme: "zoom", Scene: "47B", Take: "012", Track: "TrLR", SceneFrom: file, ClipKey: "zoom:47B-T012"}},
		{"230415-T001_Tr1.WAV", Name{Scheme: "zoom", Track: "Tr1", ClipKey: "zoom:230415-T001"}}, // the date is Zoom's default scene
		{"ZOOM0001_LR.WAV", Name{Scheme: "zoom", Recording: "0001", Track: "LR", ClipKey: "zoom:ZOOM0001"}},

		// Metacorder
		{"Sr001-2C-01_01.WAV", Name{Scheme: "metacorder", Reel: "Sr001", Scene: "2C", Take: "01", Track: "01",
			SceneFrom: file, ClipKey: "metacorder:SR001-2C-01"}},
		{"Sr001-001-06_X.WAV", Name{Scheme: "metacorder", Reel: "Sr001", Scene: "001", Take: "06", Track: "X",
			SceneFrom: file, ClipKey: "metacorder:SR001-001-06"}},

		// No scheme, no slate.
		{"IMG_1234.MOV", Name{ClipKey: "name:IMG_1234"}},
		{"MVI_0042.MOV", Name{ClipKey: "name:MVI_0042"}},
		{"DSC_0012.MOV", Name{ClipKey: "name:DSC_0012"}},
		{"P1000123.MP4", Name{ClipKey: "name:P1000123"}},
		{"VID_20240501_123456.mp4", Name{ClipKey: "name:VID_20240501_123456"}},
		{"GX001234.MP4", Name{ClipKey: "name:GX001234"}}, // no chapter 00
		{"2024-05-01", Name{ClipKey: "name:2024-05-01"}},
		{".DS_Store", Name{ClipKey: "name:.DS_Store"}},
		{"A001C001", Name{ClipKey: "name:A001C001"}},
		{"karma.mp4", Name{ClipKey: "name:karma"}},
		{"", Name{}},
		{"/", Name{}},
		{"card/..", Name{}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			got := Parse(tt.path, nil)
			if want := complete(tt.want); !reflect.DeepEqual(got, want) {
				t.Errorf("Parse(%q)\n got %+v\nwant %+v", tt.path, got, want)
			}
		})
	}
}

// TestDateNear places name dates on the calendar.
func TestDateNear(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skipf("no time zone database: %v", err)
	}
	tests := []struct {
		name   string
		path   string
		ref    time.Time
		want   time.Time
		wantOK bool
	}{
		{"full date keeps its wall clock in ref's zone", "DJI_20260809170748_0344_D.MP4",
			time.Date(2030, 1, 1, 0, 0, 0, 0, paris), time.Date(2026, 8, 9, 17, 7, 48, 0, paris), true},
		{"yearless takes ref's year", "A001_08151512_C001.braw",
			time.Date(2025, 8, 16, 9, 0, 0, 0, paris), time.Date(2025, 8, 15, 15, 12, 0, 0, paris), true},
		{"yearless across new year", "A001_C002_1231A6_001.R3D",
			time.Date(2027, 1, 2, 10, 0, 0, 0, time.UTC), time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC), true},
		{"yearless early january seen in december", "A001_C002_0101A6_001.R3D",
			time.Date(2026, 12, 30, 10, 0, 0, 0, time.UTC), time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), true},
		{"29 February in a leap year", "B003_02290930_C012.braw",
			time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 2, 29, 9, 30, 0, 0, time.UTC), true},
		{"29 February with no leap year near", "B003_02290930_C012.braw",
			time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), time.Time{}, false},
		{"yearless without a reference", "A001_C002_0502A6_001.R3D", time.Time{}, time.Time{}, false},
		{"no date", "C0001.MP4", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Time{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Parse(tt.path, nil).DateNear(tt.ref)
			if ok != tt.wantOK || !got.Equal(tt.want) || (ok && got.Location() != tt.want.Location()) {
				t.Errorf("DateNear(%v) = %v, %v; want %v, %v", tt.ref, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

// BenchmarkParse: names are read for every file of every card; a card of a
// few thousand files must not notice.
func BenchmarkParse(b *testing.B) {
	paths := []string{
		"ingest/Day3/47B_T2/A004R1JL/Clips/A004C010_100610_R1JL.mov",
		"ingest/CARD1/PRIVATE/M4ROOT/CLIP/C0001M01.XML",
		"ingest/GOPRO/DCIM/100GOPRO/GX021234.MP4",
		"ingest/SOUND/Scene_1_2AG-T001.TAKE/Scene_1_2AG-T001_Tr1.WAV",
		"ingest/phone/IMG_1234.MOV",
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		Parse(paths[i%len(paths)], nil)
	}
}
