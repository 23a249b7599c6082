package names

import "testing"

// TestClipKeyGroupsOneRecording: every file of one recording shares a key.
func TestClipKeyGroupsOneRecording(t *testing.T) {
	groups := map[string][]string{
		"GoPro chapters, proxy and thumbnail": {
			"DCIM/100GOPRO/GX011234.MP4", "DCIM/100GOPRO/GX021234.MP4", "DCIM/100GOPRO/GX031234.MP4",
			"DCIM/100GOPRO/GL011234.LRV", "DCIM/100GOPRO/GL021234.LRV", "DCIM/100GOPRO/GX011234.THM",
		},
		"GoPro HERO5 chapters": {"GOPR0042.MP4", "GP010042.MP4", "GP020042.MP4", "GOPR0042.LRV", "GOPR0042.THM"},
		"RED spans and metadata": {
			"A001_C002_0502A6.RDC/A001_C002_0502A6_001.R3D", "A001_C002_0502A6.RDC/A001_C002_0502A6_002.R3D",
			"A001_C002_0502A6.RDC/A001_C002_0502A6.RMD",
		},
		"Sony media, sidecar, thumbnail": {
			"PRIVATE/M4ROOT/CLIP/C0001.MP4", "PRIVATE/M4ROOT/CLIP/C0001M01.XML", "PRIVATE/M4ROOT/THMBNL/C0001T01.JPG",
		},
		"Sony VENICE media and sidecar":   {"A001C001_150903T1.MXF", "A001C001_150903T1M01.XML"},
		"DJI media, proxy and telemetry":  {"DJI_20260809170748_0344_D.MP4", "DJI_20260809170748_0344_D.LRF", "DJI_20260809170748_0344_D.SRT"},
		"older DJI media and telemetry":   {"DJI_0344.MP4", "DJI_0344.SRT"},
		"Zoom track files":                {"Scene_1_2AG-T001.TAKE/Scene_1_2AG-T001_Tr1.WAV", "Scene_1_2AG-T001.TAKE/Scene_1_2AG-T001_Tr2.WAV", "Scene_1_2AG-T001.TAKE/Scene_1_2AG-T001_TrLR.WAV"},
		"Sound Devices poly and mono":     {"A101_1.WAV", "A101_1_1.WAV", "A101_1_2.WAV"},
		"Metacorder tracks":               {"Sr001-2C-01_01.WAV", "Sr001-2C-01_02.WAV", "Sr001-2C-01_X.WAV"},
		"ARRI movie and ARRIRAW frames":   {"A004C010_100610_R1JL.mov", "A004C010_100610_R1JL/A004C010_100610_R1JL.0000001.ari", "A004C010_100610_R1JL/A004C010_100610_R1JL.0000002.ari"},
		"ALEXA 35 ARRIRAW and HDE":        {"A_0076C001_230511_184122_a1CTJ.arx", "A_0076C001_230511_184122_h1CTJ.mxf"},
		"Blackmagic clip and proxy":       {"A001_08151512_C001.braw", "Proxy/A001_08151512_C001.mov", "A001_08151512_C001.sidecar"},
		"Canon clip and metadata":         {"CONTENTS/CLIPS001/A001C001_220315AB_CANON.MXF", "CONTENTS/CLIPS001/A001C001_220315AB_CANON.XML"},
		"AVCHD stream and clip info":      {"BDMV/STREAM/00000.MTS", "BDMV/CLIPINF/00000.CPI"},
		"phone clip and its edit sidecar": {"IMG_1234.MOV", "IMG_1234.AAE"},
	}
	for name, paths := range groups {
		t.Run(name, func(t *testing.T) {
			want := Parse(paths[0], nil).ClipKey
			if want == "" {
				t.Fatalf("Parse(%q) has no ClipKey", paths[0])
			}
			for _, p := range paths[1:] {
				if got := Parse(p, nil).ClipKey; got != want {
					t.Errorf("ClipKey(%q) = %q, want %q like %q", p, got, want, paths[0])
				}
			}
		})
	}
}

// TestClipKeySeparatesRecordings: neighbouring recordings never share a key.
func TestClipKeySeparatesRecordings(t *testing.T) {
	pairs := [][2]string{
		{"GX011234.MP4", "GX011235.MP4"},
		{"GOPR0042.MP4", "GOPR0043.MP4"},
		{"A001_C002_0502A6_001.R3D", "A001_C003_0502R5_001.R3D"},
		{"C0001.MP4", "C0002.MP4"},
		{"C0001M01.XML", "C0002.MP4"},
		{"DJI_20260809170748_0344_D.MP4", "DJI_20260809171012_0345_D.MP4"},
		{"DJI_20260809170748_0344_W.MP4", "DJI_20260809170748_0344_Z.MP4"},
		{"Scene_1_2AG-T001_Tr1.WAV", "Scene_1_2AG-T002_Tr1.WAV"},
		{"A101_1.WAV", "A101_2.WAV"},
		{"A101_1_1.WAV", "A101_2_1.WAV"},
		{"A101_1.WAV", "A102_1.WAV"},
		{"A004C010_100610_R1JL.mov", "A004C011_100610_R1JL.mov"},
		{"A001_08151512_C001.braw", "A001_08151514_C002.braw"},
		{"BDMV/STREAM/00000.MTS", "BDMV/STREAM/00001.MTS"},
		{"BDMV/STREAM/00000.MTS", "BDMV/PLAYLIST/00000.MPL"},
		{"IMG_1234.MOV", "IMG_1235.MOV"},
		{"DJI_0344.MP4", "dji:DJI_0344.MP4"}, // a stem shaped like a key still keys apart
	}
	for _, p := range pairs {
		a, b := Parse(p[0], nil).ClipKey, Parse(p[1], nil).ClipKey
		if a == b {
			t.Errorf("%q and %q share ClipKey %q", p[0], p[1], a)
		}
	}
}
