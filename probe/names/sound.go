package names

import (
	"regexp"
	"strings"
)

// soundExts: recorders write Broadcast WAV; the slate-shaped names below
// mean nothing on other files.
var soundExts = []string{"wav", "bwf"}

// Sound recorders name files after the slate, so their names carry scene and
// take. Each recorder writes one file per take (polyphonic) or one per track
// (the track suffix); all files of a take share a key.
var soundMatchers = []matcher{
	{
		// Zoom F-series: Scene_1_2AG-T001_Tr1.WAV in the folder
		// Scene_1_2AG-T001.TAKE: scene, "-T" and a three-digit take, and a
		// track suffix (_Tr1, _TrL, _TrLR, _Tr1_2) on per-track files. The
		// scene is free text; Zoom's default scene is the date (yymmdd), which
		// names no scene.
		scheme: SchemeZoom,
		re:     zoomTake,
		exts:   soundExts,
		fill: func(g groups, n *Name) bool {
			n.Track = g.get("track")
			if scene := g.get("scene"); !isCounter(scene) {
				n.Scene, n.Take = scene, g.get("take")
			}
			return true
		},
	},
	{
		// Zoom H-series: ZOOM0001.WAV, ZOOM0001_LR.WAV, ZOOM0001_Tr1.WAV.
		scheme: SchemeZoom,
		re:     regexp.MustCompile(`(?i)^(?P<key>ZOOM(?P<rec>\d{4}))(?:_(?P<track>[A-Z0-9]{1,6}))?$`),
		exts:   soundExts,
		fill: func(g groups, n *Name) bool {
			n.Recording = g.get("rec")
			n.Track = g.get("track")
			return true
		},
	},
	{
		// Metacorder: Sr001-2C-01_01.WAV = sound roll, scene, take, track.
		scheme: SchemeMetacorder,
		re:     regexp.MustCompile(`(?i)^(?P<key>(?P<reel>[A-Z]{1,4}\d{1,4})-(?P<scene>[A-Z0-9]{1,8})-(?P<take>\d{1,3}))(?:_(?P<track>[A-Z0-9]{1,3}))?$`),
		exts:   soundExts,
		fill: func(g groups, n *Name) bool {
			scene := g.get("scene")
			if !hasDigit(scene) || isCounter(scene) {
				return false
			}
			n.Reel = g.get("reel")
			n.Scene, n.Take = scene, g.get("take")
			n.Track = g.get("track")
			return true
		},
	},
	{
		// Sound Devices: A101_3.WAV is scene A101, take 3 (one polyphonic
		// file). A third number is the track of a monophonic file:
		// A101_1_1.WAV is track 1 of scene A101 take 1, keyed with A101_1.WAV
		// and the other tracks (the fixture's iXML says TAKE 1 for both). The
		// scene must be slate-shaped (a number with at most one letter before
		// and two after: A101, 12A, 101), so that recorder and DAW defaults
		// (Audio_001, 230415_001, Lav1_01, CH1_01) name no scene.
		scheme: SchemeSoundDevices,
		re:     regexp.MustCompile(`(?i)^(?P<key>(?P<scene>[A-Z]?\d{1,4}[A-Z]{0,2})_(?P<take>\d{1,3}))(?:_(?P<track>\d{1,2}))?$`),
		exts:   soundExts,
		fill: func(g groups, n *Name) bool {
			n.Scene, n.Take = g.get("scene"), g.get("take")
			n.Track = g.get("track")
			return true
		},
	},
}

// zoomTake is Zoom's take name, shared by its files and its .TAKE folder.
var zoomTake = regexp.MustCompile(`(?i)^(?P<key>(?P<scene>.+?)-T(?P<take>\d{3}))(?:_(?P<track>Tr[A-Z0-9]+(?:_\d+)?))?$`)

// slateFromZoomFolder reads a Zoom take folder, Scene_1_2AG-T001.TAKE.
func slateFromZoomFolder(dir string) (scene, take string) {
	stem, ok := strings.CutSuffix(dir, ".TAKE")
	if !ok {
		stem, ok = strings.CutSuffix(dir, ".take")
	}
	if !ok {
		return "", ""
	}
	m := zoomTake.FindStringSubmatch(stem)
	if m == nil {
		return "", ""
	}
	g := groups{zoomTake, m}
	if g.get("track") != "" || isCounter(g.get("scene")) {
		return "", ""
	}
	return g.get("scene"), g.get("take")
}
