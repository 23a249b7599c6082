package names

import (
	"regexp"
	"strings"
)

// Cinema cameras name clips camera letter + reel + clip number + date, each
// maker in its own fixed layout; the layouts differ in where the underscores
// and the date sit, which is what keeps them apart.
var cinemaMatchers = []matcher{
	{
		// ARRI ALEXA, Mini, LF, 65: A004C010_100610_R1JL (older firmware
		// writes the year in full, A004C010_20100610_R1JL). ARRIRAW frames
		// add a frame number: A004C010_100610_R1JL.0000123.ari.
		scheme: SchemeARRI,
		re:     regexp.MustCompile(`(?i)^(?P<key>(?P<camera>[A-Z])(?P<reel>\d{3})(?P<clip>C\d{3})_(?P<date>\d{6}|\d{8})_(?P<id>[A-Z0-9]{4}))(?:\.\d+)?$`),
		fill: func(g groups, n *Name) bool {
			n.Camera = g.get("camera")
			n.Reel = n.Camera + g.get("reel")
			n.Clip = g.get("clip")
			n.CameraID = g.get("id")
			n.setYYMMDD(g.get("date"), "")
			return true
		},
	},
	{
		// ALEXA 35: A_0076C001_230511_184122_h1CTJ: a two-character camera
		// index ("A_"), a four-digit reel, date and time, then a letter for
		// the encoding (a ARRIRAW, h HDE, p ProRes...) and the camera ID. The
		// encoding letter stays out of the key: an HDE file and its ARRIRAW
		// original are one recording.
		scheme: SchemeARRI,
		re:     regexp.MustCompile(`(?i)^(?P<key>(?P<index>[A-Z][A-Z_])(?P<reel>\d{4})(?P<clip>C\d{3})_(?P<date>\d{6})_(?P<time>\d{6}))_[A-Z](?P<id>[A-Z0-9]{4})(?:\.\d+)?$`),
		fill: func(g groups, n *Name) bool {
			index := g.get("index")
			n.Camera = strings.TrimRight(index, "_")
			n.Reel = index + g.get("reel")
			n.Clip = g.get("clip")
			n.CameraID = g.get("id")
			n.setYYMMDD(g.get("date"), g.get("time"))
			n.ClipKey = SchemeARRI + ":" + strings.ToUpper(g.get("key")+"_"+n.CameraID)
			return true
		},
	},
	{
		// RED: A001_C002_0502A6_001.R3D, spans _002, _003... in the clip
		// folder A001_C002_0502A6.RDC with A001_C002_0502A6.RMD beside them.
		// mmdd has no year; the two last characters are random. DSMC3
		// cameras may write a camera-position letter instead of C.
		scheme: SchemeRED,
		re:     regexp.MustCompile(`(?i)^(?P<key>(?P<camera>[A-Z])(?P<reel>\d{3})_(?P<clip>[A-Z]\d{3})_(?P<mmdd>\d{4})[A-Z0-9]{2})(?:_(?P<span>\d{3}))?$`),
		fill: func(g groups, n *Name) bool {
			n.Camera = g.get("camera")
			n.Reel = n.Camera + g.get("reel")
			n.Clip = g.get("clip")
			n.Span = num(g.get("span"))
			md := g.get("mmdd")
			n.setMonthDay(num(md[:2]), num(md[2:]), 0, 0, false)
			return true
		},
	},
	{
		// Blackmagic: A001_08151512_C001.braw: mmddhhmm, no year. The proxy
		// of a clip has the same name (in Proxy/), so it keys with its clip.
		scheme: SchemeBlackmagic,
		re:     regexp.MustCompile(`(?i)^(?P<key>(?P<camera>[A-Z])(?P<reel>\d{3})_(?P<stamp>\d{8})_(?P<clip>C\d{3,4}))$`),
		fill: func(g groups, n *Name) bool {
			n.Camera = g.get("camera")
			n.Reel = n.Camera + g.get("reel")
			n.Clip = g.get("clip")
			s := g.get("stamp")
			n.setMonthDay(num(s[:2]), num(s[2:4]), num(s[4:6]), num(s[6:]), true)
			return true
		},
	},
	{
		// Older Blackmagic: BMC01_1_2012-08-08_1631_C0002.mov: the camera's
		// user-set name, reel number, date, hhmm, clip. No camera letter.
		scheme: SchemeBlackmagic,
		re:     regexp.MustCompile(`(?i)^(?P<key>(?P<id>[^_]{1,32})_(?P<reel>\d{1,4})_(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})_(?P<hhmm>\d{4})_(?P<clip>C\d{4}))$`),
		fill: func(g groups, n *Name) bool {
			n.CameraID = g.get("id")
			n.Reel = g.get("reel")
			n.Clip = g.get("clip")
			t := g.get("hhmm")
			n.setDate(num(g.get("y")), num(g.get("m")), num(g.get("d")), num(t[:2]), num(t[2:]), 0, true)
			return true
		},
	},
	{
		// Canon Cinema EOS (C300 Mark II/III, C500, C70, R5 C):
		// A001C001_220315AB_CANON.MXF in CONTENTS/CLIPS001/ with a .XML of
		// the same name: yymmdd, two random characters, then a user-set field
		// of up to five characters that tells it from Sony's layout below.
		scheme: SchemeCanon,
		re:     regexp.MustCompile(`(?i)^(?P<key>(?P<camera>[A-Z])(?P<reel>\d{3})(?P<clip>[A-Z]\d{3})_(?P<date>\d{6})[A-Z0-9]{2}_[A-Z0-9]{1,5})$`),
		fill: func(g groups, n *Name) bool {
			n.Camera = g.get("camera")
			n.Reel = n.Camera + g.get("reel")
			n.Clip = g.get("clip")
			n.setYYMMDD(g.get("date"), "")
			return true
		},
	},
	{
		// Sony VENICE, F55, FX9 (XAVC/X-OCN in MXF): A001C001_150903T1.MXF,
		// yymmdd and two random characters, with sidecars that append their
		// own suffix: A001C001_150903T1M01.XML.
		scheme: SchemeSony,
		re:     regexp.MustCompile(`(?i)^(?P<key>(?P<camera>[A-Z])(?P<reel>\d{3})(?P<clip>C\d{3})_(?P<date>\d{6})[A-Z0-9]{2})(?:[A-Z]\d{2})?$`),
		fill: func(g groups, n *Name) bool {
			n.Camera = g.get("camera")
			n.Reel = n.Camera + g.get("reel")
			n.Clip = g.get("clip")
			n.setYYMMDD(g.get("date"), "")
			return true
		},
	},
}
