package names

import "regexp"

// Consumer and prosumer cameras number recordings rather than slate them;
// the number is what ties a recording's media, proxies and sidecars.
var consumerMatchers = []matcher{
	{
		// Sony XAVC / XDCAM: PRIVATE/M4ROOT/CLIP/C0001.MP4 with the sidecar
		// C0001M01.XML beside it and the thumbnail THMBNL/C0001T01.JPG
		// (XDCAM adds S01 proxies and M02 user metadata): a letter and two
		// digits appended to the clip name mark a companion file.
		scheme: SchemeSony,
		re:     regexp.MustCompile(`(?i)^(?P<key>C\d{4})(?:[A-Z]\d{2})?$`),
		fill: func(g groups, n *Name) bool {
			n.Clip = g.get("key")
			return true
		},
	},
	{
		// GoPro HERO6 and later: GX011234.MP4 = encoding (H AVC, X HEVC;
		// L the low-resolution LRV proxy, S the MAX 360 lenses), chapter 01,
		// recording 1234. The .THM thumbnail shares the video's name.
		scheme: SchemeGoPro,
		re:     regexp.MustCompile(`(?i)^G[HXLS](?P<chapter>\d{2})(?P<key>\d{4})$`),
		fill: func(g groups, n *Name) bool {
			n.Chapter = num(g.get("chapter"))
			n.Recording = g.get("key")
			n.Clip = n.Recording
			return n.Chapter > 0
		},
	},
	{
		// GoPro HERO5 and older: the first chapter is GOPR1234, ...
		scheme: SchemeGoPro,
		re:     regexp.MustCompile(`(?i)^GOPR(?P<key>\d{4})$`),
		fill: func(g groups, n *Name) bool {
			n.Chapter = 1
			n.Recording = g.get("key")
			n.Clip = n.Recording
			return true
		},
	},
	{
		// ... and the continuations GP011234, GP021234: GP01 is the second
		// chapter in play order.
		scheme: SchemeGoPro,
		re:     regexp.MustCompile(`(?i)^GP(?P<chapter>\d{2})(?P<key>\d{4})$`),
		fill: func(g groups, n *Name) bool {
			n.Chapter = num(g.get("chapter")) + 1
			n.Recording = g.get("key")
			n.Clip = n.Recording
			return n.Chapter > 1
		},
	},
	{
		// DJI drones, Osmo, Action: DCIM/DJI_001/DJI_20260809170748_0344_D.MP4
		// with .LRF (proxy) and .SRT (telemetry) of the same name: local
		// date and time, index, and a stream letter (enterprise drones record
		// W, Z and T streams as separate clips, so the letter is in the key).
		scheme: SchemeDJI,
		re:     regexp.MustCompile(`(?i)^(?P<key>DJI_(?P<y>\d{4})(?P<mo>\d{2})(?P<d>\d{2})(?P<h>\d{2})(?P<mi>\d{2})(?P<s>\d{2})_(?P<index>\d{4})(?:_[A-Z])?)$`),
		fill: func(g groups, n *Name) bool {
			n.Recording = g.get("index")
			n.Clip = n.Recording
			n.setDate(num(g.get("y")), num(g.get("mo")), num(g.get("d")), num(g.get("h")), num(g.get("mi")), num(g.get("s")), true)
			return true
		},
	},
	{
		// Older DJI: DJI_0344.MP4 (+ .SRT).
		scheme: SchemeDJI,
		re:     regexp.MustCompile(`(?i)^(?P<key>DJI_(?P<index>\d{4}))$`),
		fill: func(g groups, n *Name) bool {
			n.Recording = g.get("index")
			n.Clip = n.Recording
			return true
		},
	},
	{
		// AVCHD: PRIVATE/AVCHD/BDMV/STREAM/00000.MTS and its clip
		// information CLIPINF/00000.CPI. Playlists (PLAYLIST/00000.MPL) are
		// numbered apart and may span clips, so they are not keyed here.
		scheme: SchemeAVCHD,
		re:     regexp.MustCompile(`^(?P<key>\d{5})$`),
		exts:   []string{"mts", "m2ts", "cpi"},
		fill: func(g groups, n *Name) bool {
			n.Clip = g.get("key")
			return true
		},
	},
}
