package names

import (
	"regexp"
	"strings"
	"time"

	"github.com/rushes/rushes/media"
)

// Schemes Parse recognizes, as Name.Scheme reports them.
const (
	SchemeARRI         = "arri"         // A004C010_100610_R1JL, ALEXA 35 A_0076C001_230511_184122_h1CTJ
	SchemeRED          = "red"          // A001_C002_0502A6_001.R3D
	SchemeBlackmagic   = "blackmagic"   // A001_08151512_C001, BMC01_1_2012-08-08_1631_C0002
	SchemeCanon        = "canon"        // A001C001_220315AB_CANON
	SchemeSony         = "sony"         // C0001 (+M01.XML, T01.JPG), A001C001_150903T1 (Venice, F55, FX9)
	SchemeGoPro        = "gopro"        // GX011234, GH011234, GL011234, GOPR1234, GP011234
	SchemeDJI          = "dji"          // DJI_20260809170748_0344_D, DJI_0344
	SchemeAVCHD        = "avchd"        // BDMV/STREAM/00000.MTS, CLIPINF/00000.CPI
	SchemeSoundDevices = "sounddevices" // A101_3.WAV, A101_1_1.WAV
	SchemeZoom         = "zoom"         // Scene_1_2AG-T001_Tr1.WAV, ZOOM0001_LR.WAV
	SchemeMetacorder   = "metacorder"   // Sr001-2C-01_01.WAV
	SchemePattern      = "pattern"      // no camera scheme, but a configured pattern matched the file name
)

// Name is what a file's name and its folders say about it. A zero field
// means the name does not say.
type Name struct {
	// Scheme is the naming convention of the file name (the Scheme*
	// constants), "" when none is recognized.
	Scheme string

	// Camera is the camera letter ("A"); an ALEXA 35 two-character index
	// "A_" reads "A", "AB" stays "AB".
	Camera string
	// Reel is the camera letter and reel number as the camera writes them
	// together, the camera roll an editor names: "A004" (ARRI, RED, Canon,
	// Sony, Blackmagic), "A_0076" (ALEXA 35). The old Blackmagic scheme has no
	// camera letter and gives the bare reel number ("1").
	Reel string
	// CameraID is the camera's own identifier: ARRI's four characters (R1JL;
	// ARRI's full reel name is Reel+CameraID, "A004R1JL", or
	// Reel+"_"+CameraID on an ALEXA 35), the old Blackmagic camera name
	// (BMC01).
	CameraID string
	// Clip is the clip number as written, with the letter the camera writes
	// before it: "C010" (ARRI, RED, Canon, Blackmagic), "C0001" (Sony),
	// "1234" (GoPro), "0344" (DJI), "00000" (AVCHD).
	Clip string
	// Recording is the number that ties several files into one recording:
	// GoPro's recording number (also in Clip), DJI's index, Zoom H-series'.
	Recording string
	// Chapter is the GoPro chapter in play order, from 1: GX01xxxx is 1,
	// GX02xxxx 2; on HERO5 and older GOPRxxxx is 1 and GP01xxxx 2. 0 when the
	// scheme has no chapters.
	Chapter int
	// Span is RED's span index (_001.R3D is 1), 0 when not written.
	Span int
	// Track names one track file of a sound take: "1" in A101_1_1.WAV,
	// "Tr1" in Scene_1_2AG-T001_Tr1.WAV, "01" in Sr001-2C-01_01.WAV.
	Track string

	// Date is the date (and time of day, when HasTime) written in the name,
	// when the name carries a year: a wall clock of unknown zone, returned in
	// time.UTC; date-only names give midnight. Two-digit years are 20yy.
	// Zero when the name carries no full date. DateNear places it in a zone.
	Date time.Time
	// MonthDay is the month and day (and time of day, when HasTime) written
	// in the name, set whenever the name carries a date, with or without a
	// year: RED (mmdd) and Blackmagic (mmddhhmm) names carry no year, so only
	// MonthDay is set for them; a year is never invented.
	MonthDay MonthDay
	// HasTime says the name carries a time of day (DJI, ALEXA 35,
	// Blackmagic): in Date when it is set, and in MonthDay.Clock.
	HasTime bool

	// Scene and Take are the slate written in the file name or its folders,
	// as written ("012", "12A", "Scene_1_2AG"; "001"). A take is only
	// reported with a scene: a take alone places nothing.
	Scene, Take string
	// SceneFrom says where Scene and Take were read: media.FromFilename or
	// media.FromFolder; "" when there is no scene.
	SceneFrom string
	// CameraFrom says where Camera was read: media.FromFilename or
	// media.FromFolder; "" when there is no camera.
	CameraFrom string

	// ClipKey is the same for every file of one recording and differs
	// between recordings of one card: media and sidecars (C0001.MP4,
	// C0001M01.XML, THMBNL/C0001T01.JPG), chapters (GX011234, GX021234,
	// GL011234.LRV, GX011234.THM), spans (_001.R3D, _002.R3D), and the track
	// files of a sound take (_Tr1.WAV, _Tr2.WAV). It is "<scheme>:<ID>" for a
	// recognized scheme and "name:<stem>" otherwise (so IMG_1234.MOV and
	// IMG_1234.AAE group too). Keys are only unique within one card: callers
	// scope them by card or folder. It is opaque: not a display name.
	ClipKey string
}

// DateNear returns the date in the name as a wall clock in ref's location.
// A name with a full Date needs ref only for the zone. A yearless name
// (RED, Blackmagic) takes the year, among ref's year and its neighbours,
// that puts the date nearest ref (a file or container time), so a clip named
// 1231 and written on 2 January lands on 31 December. ok is false when the
// name carries no date, or a yearless name meets a zero ref.
func (n Name) DateNear(ref time.Time) (t time.Time, ok bool) {
	loc := ref.Location()
	if !n.Date.IsZero() {
		y, m, d := n.Date.Date()
		hh, mm, ss := n.Date.Clock()
		return time.Date(y, m, d, hh, mm, ss, 0, loc), true
	}
	md := n.MonthDay
	if md.Month == 0 || ref.IsZero() {
		return time.Time{}, false
	}
	var best time.Duration
	for y := ref.Year() - 1; y <= ref.Year()+1; y++ {
		c := md.in(y, loc)
		if c.Month() != md.Month || c.Day() != md.Day {
			continue // 29 February outside a leap year
		}
		diff := c.Sub(ref)
		if diff < 0 {
			diff = -diff
		}
		if !ok || diff < best {
			t, best, ok = c, diff, true
		}
	}
	return t, ok
}

// maxFolders bounds how many folders above the file Parse reads, not
// counting the camera-made structure folders it skips: a scene folder sits
// just above a card; folders higher up name projects and drives, not slates.
const maxFolders = 4

// Parse reads the facts in path's file name and its parent folders. Pass the
// path relative to the ingest root where possible: folders above it say
// nothing about the footage, and a project folder named "Scene 12" would
// otherwise slate every clip below it.
//
// Order of precedence: configured patterns (on the file name, then on each
// folder, nearest first), then the file name's camera or recorder scheme,
// then the built-in slate forms on the file name, then on each folder,
// nearest first. Scene and take travel together: a take comes from the match
// that gave the scene, or else from a take-only match nearer the file
// ("Scene 12/Take 3/clip.mov"). Camera, reel and camera ID come from the
// first source that has each, with card folders (A004R1JL, .RDM, .RDC) and
// camera folders (A_CAM, Cam B) last. Both / and \ separate path elements.
func Parse(path string, patterns []*regexp.Regexp) Name {
	return ParseIn("", path, patterns)
}

// ParseIn is Parse for rel, a path below the folder root (the card or
// folder given to ingest, or dropped whole; its path or just its name).
// root's own name is read for scene and take like the folders in rel,
// farthest from the file: a PA's Sc20_T4 dropped whole is a slate as much as
// one a level down. It is not read for camera or reel, and the folders above
// it not at all: they name drives and projects. A card's name (A001,
// SOUND_D3) matches no slate form. root may be "": nothing above rel counts.
func ParseIn(root, rel string, patterns []*regexp.Regexp) Name {
	elems := splitPath(rel)
	if len(elems) == 0 {
		return Name{}
	}
	base := elems[len(elems)-1]
	if base == "." || base == ".." {
		return Name{}
	}
	stem, ext := splitExt(base)
	folders := meaningfulFolders(elems[:len(elems)-1])
	top, topLevel := rootSlateFolder(root, len(folders))

	n := matchFile(stem, ext)
	var slates []slateFact
	var idents []identFact

	fileFacts := matchConfigured(patterns, 0, stem, base)
	if len(fileFacts) > 0 && n.Scheme == "" {
		n.Scheme = SchemePattern
	}
	for _, f := range fileFacts {
		slates = append(slates, f.slate)
		idents = append(idents, f.ident)
	}
	for i, dir := range folders {
		for _, f := range matchConfigured(patterns, i+1, dir) {
			slates = append(slates, f.slate)
			idents = append(idents, f.ident)
		}
	}
	if top != "" {
		for _, f := range matchConfigured(patterns, topLevel, top) {
			slates = append(slates, f.slate) // not its camera or reel
		}
	}

	slates = append(slates, slateFact{n.Scene, n.Take, 0, media.FromFilename})
	idents = append(idents, identFact{n.Camera, n.Reel, n.CameraID, media.FromFilename})
	if scene, take := slateFromName(stem); scene != "" || take != "" {
		slates = append(slates, slateFact{scene, take, 0, media.FromFilename})
	}
	for i, dir := range folders {
		if scene, take := slateFromFolder(dir); scene != "" || take != "" {
			slates = append(slates, slateFact{scene, take, i + 1, media.FromFolder})
		}
		if id, ok := identFromFolder(dir); ok {
			idents = append(idents, id)
		}
	}
	if top != "" {
		if scene, take := slateFromFolder(top); scene != "" || take != "" {
			slates = append(slates, slateFact{scene, take, topLevel, media.FromFolder})
		}
	}

	n.Scene, n.Take, n.SceneFrom = pickSlate(slates)
	n.Camera, n.CameraFrom, n.Reel, n.CameraID = pickIdent(idents)
	if n.ClipKey == "" {
		n.ClipKey = "name:" + stem
	}
	return n
}

// rootSlateFolder returns root's name when it is read for a slate, and its
// level above the file: not when it is camera-made structure (PRIVATE,
// CLIP), not a name at all ("/", "C:"), or past maxFolders.
func rootSlateFolder(root string, below int) (string, int) {
	elems := splitPath(root)
	if len(elems) == 0 || below >= maxFolders {
		return "", 0
	}
	name := elems[len(elems)-1]
	if strings.HasSuffix(name, ":") { // a drive (C:), not a folder
		return "", 0
	}
	if m := meaningfulFolders([]string{name}); len(m) == 1 {
		return m[0], below + 1
	}
	return "", 0
}

// slateFact is one source's reading of scene and take; level 0 is the file
// name, 1 its folder, and so on up.
type slateFact struct {
	scene, take string
	level       int
	from        string
}

// identFact is one source's reading of camera, reel and camera ID.
type identFact struct {
	camera, reel, cameraID string
	from                   string
}

// pickSlate takes the first fact (in precedence order) with a scene. Its
// take goes with it; without one, a take is borrowed only from a fact nearer
// the file that names no other scene, so a take never crosses scenes.
func pickSlate(facts []slateFact) (scene, take, from string) {
	for _, f := range facts {
		if f.scene == "" {
			continue
		}
		take = f.take
		if take == "" {
			for _, t := range facts {
				if t.take != "" && t.level < f.level && (t.scene == "" || t.scene == f.scene) {
					take = t.take
					break
				}
			}
		}
		return f.scene, take, f.from
	}
	return "", "", ""
}

// pickIdent fills each field from the first fact that has it.
func pickIdent(facts []identFact) (camera, cameraFrom, reel, cameraID string) {
	for _, f := range facts {
		if camera == "" && f.camera != "" {
			camera, cameraFrom = f.camera, f.from
		}
		if reel == "" {
			reel = f.reel
		}
		if cameraID == "" {
			cameraID = f.cameraID
		}
	}
	return camera, cameraFrom, reel, cameraID
}

// splitPath cuts a path into its elements. Both separators count: a Windows
// path handed over as a string must not leak a backslash into a value.
func splitPath(path string) []string {
	return strings.FieldsFunc(path, func(r rune) bool { return r == '/' || r == '\\' })
}

// splitExt cuts the extension (lowercased, without the dot) off a base name.
// A leading dot is part of the stem: ".DS_Store" has no extension.
func splitExt(base string) (stem, ext string) {
	i := strings.LastIndexByte(base, '.')
	if i <= 0 {
		return base, ""
	}
	return base[:i], strings.ToLower(base[i+1:])
}
