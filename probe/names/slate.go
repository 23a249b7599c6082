package names

import (
	"regexp"
	"strings"
)

// slateRule is one built-in way of writing scene and take in a name.
type slateRule struct {
	re *regexp.Regexp // groups: scene and/or take
	// keyword, when set, must appear in the lowercased name for re to have
	// a chance: a cheap test that spares most names the regexp.
	keyword string
	// pickup, when set, checks the scene's letters (see pickupOK).
	pickup bool
}

// Boundaries: a keyword must start the name or follow a non-alphanumeric
// character, and a number must end the name or be followed by one, so that
// "misc12", "DSC_0012" or "T3v2" never read as slates.
const (
	before = `(?:^|[^a-z0-9])`
	after  = `(?:$|[^a-z0-9])`
	sep    = `[ ._-]*`
	// afterScene ends a scene without a take: a separator then a digit
	// means the scene goes on ("Scene_1_2AG" is Zoom's scene "Scene_1_2AG",
	// not scene 1), so it is refused rather than cut short.
	afterScene = `(?:$|[^a-z0-9](?:$|[^0-9]))`
)

// slateRules are tried in order; the first that matches (and passes its
// check) gives the slate. Scene-and-take forms come before scene-only and
// take-only ones, so "Sc12_T3" is never read as just "Sc12".
var slateRules = []slateRule{
	// Scene 12 Take 3, Scene12-Take3, SCENE_12_3: the full keyword allows
	// four-digit scenes and a take without its keyword.
	{re: regexp.MustCompile(`(?i)` + before + `scene` + sep + `(?P<scene>\d{1,4}[a-z]{0,2})(?:[ ._,-]*(?:take|tk|t)` + sep + `|[ _-]+)(?P<take>\d{1,3})` + after), keyword: "scene"},
	// Sc12_T3, SC12-TK3, Scn 12 Tk 3, Sc12_3.
	{re: regexp.MustCompile(`(?i)` + before + `(?:scn|sc)` + sep + `(?P<scene>\d{1,3}[a-z]{0,2})(?:[ ._,-]*(?:take|tk|t)` + sep + `|[ _-]+)(?P<take>\d{1,3})` + after), keyword: "sc"},
	// S012_T003, S12T3: a bare S needs the take keyword too.
	{re: regexp.MustCompile(`(?i)` + before + `s` + sep + `(?P<scene>\d{1,3}[a-z]{0,2})[ ._,-]*(?:take|tk|t)` + sep + `(?P<take>\d{1,3})` + after)},
	// 47B_T2, 12-TK3, 12 Take 3: the whole name, take keyword required.
	{re: regexp.MustCompile(`(?i)^(?P<scene>\d{1,3}[a-z]{0,2})[ ._-]+(?:take|tk|t)` + sep + `(?P<take>\d{1,3})$`), pickup: true},
	// 12A-3, 47B_2, 12AA-3: the whole name, a pickup letter required; bare
	// 12-3 is refused (a date fragment as often as a slate).
	{re: regexp.MustCompile(`(?i)^(?P<scene>\d{1,3}[a-z]{1,2})[ _-]+(?P<take>\d{1,3})$`), pickup: true},
	// Scene 12, Scene_12A: a scene folder holding its takes.
	{re: regexp.MustCompile(`(?i)` + before + `scene` + sep + `(?P<scene>\d{1,4}[a-z]{0,2})` + afterScene), keyword: "scene"},
	// Sc12, SC 12A, Scn12.
	{re: regexp.MustCompile(`(?i)` + before + `(?:scn|sc)` + sep + `(?P<scene>\d{1,3}[a-z]{0,2})` + afterScene), keyword: "sc"},
	// Take 3, TK03: only ever used below a scene found higher up.
	{re: regexp.MustCompile(`(?i)` + before + `(?:take|tk)` + sep + `(?P<take>\d{1,3})` + after)},
}

// slateFromName reads scene and/or take from one file stem or folder name
// with the built-in rules.
func slateFromName(s string) (scene, take string) {
	if !hasDigit(s) {
		return "", "" // every slate form numbers its scene or take
	}
	lower := strings.ToLower(s)
	for _, r := range slateRules {
		if r.keyword != "" && !strings.Contains(lower, r.keyword) {
			continue
		}
		m := r.re.FindStringSubmatch(s)
		if m == nil {
			continue
		}
		g := groups{r.re, m}
		scene, take = g.get("scene"), g.get("take")
		if r.pickup && !pickupOK(scene) {
			continue
		}
		return scene, take
	}
	return "", ""
}

// slateFromFolder reads a folder name: a Zoom take folder, else the
// built-in rules.
func slateFromFolder(dir string) (scene, take string) {
	if scene, take := slateFromZoomFolder(dir); scene != "" {
		return scene, take
	}
	return slateFromName(dir)
}

// pickupOK checks the letters after a scene number in the bare slate forms,
// where nothing else says "this is a slate". Slates use one letter or a
// doubled one (12A, 12AA) and skip I and O, which read as 1 and 0; K and P
// are refused too because 4K-60 and 720P_30 are resolutions and rates.
func pickupOK(scene string) bool {
	letters := strings.TrimLeft(scene, "0123456789")
	for i := 0; i < len(letters); i++ {
		if letters[i] >= 0x80 {
			return false // (?i) folds the Kelvin sign into k: slates are ASCII
		}
	}
	switch len(letters) {
	case 0:
		return true
	case 2:
		if !strings.EqualFold(letters[:1], letters[1:]) {
			return false
		}
	}
	return !strings.ContainsAny(strings.ToUpper(letters[:1]), "IOKP")
}
