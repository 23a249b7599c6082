package names

import (
	"regexp"
	"strings"

	"github.com/rushes/rushes/media"
)

// structureFolders are the folders cameras create on a card. They say
// nothing about the shoot, so Parse skips them and does not count them
// against maxFolders: a scene folder above PRIVATE/M4ROOT/CLIP is still read.
var structureFolders = map[string]bool{
	"private": true, "m4root": true, "clip": true, "thmbnl": true, "sub": true,
	"general": true, "xdroot": true, "avchd": true, "bdmv": true, "stream": true,
	"clipinf": true, "playlist": true, "backup": true, "auxdata": true,
	"dcim": true, "misc": true, "contents": true, "clips": true,
	"proxy": true, "proxies": true, "audio": true,
}

// clipsNNN is Canon's CONTENTS/CLIPS001.
var clipsNNN = regexp.MustCompile(`(?i)^clips\d{3}$`)

// meaningfulFolders returns the folders worth reading, nearest the file
// first: camera-made structure skipped, "." and ".." dropped, at most
// maxFolders of them. Everything inside DCIM is camera-made (100GOPRO,
// DJI_001, 100MEDIA).
func meaningfulFolders(dirs []string) []string {
	var out []string
	for i := len(dirs) - 1; i >= 0 && len(out) < maxFolders; i-- {
		d := dirs[i]
		switch {
		case d == "." || d == "..":
		case structureFolders[strings.ToLower(d)], clipsNNN.MatchString(d):
		case i > 0 && strings.EqualFold(dirs[i-1], "DCIM"):
		default:
			out = append(out, d)
		}
	}
	return out
}

// folderRule reads camera, reel and camera ID from a folder name.
type folderRule struct {
	re   *regexp.Regexp // groups: camera or index, reel, id
	fill func(g groups) identFact
}

// folderRules: card folders first (they also give the reel), then the
// camera folders PAs make.
var folderRules = []folderRule{
	{
		// ARRI reel folder A004R1JL: camera, reel, camera ID. An ID shaped
		// like a clip or take (A001C001, S012T003) is not ARRI's.
		re: regexp.MustCompile(`(?i)^(?P<camera>[A-Z])(?P<reel>\d{3})(?P<id>[A-Z0-9]{4})$`),
		fill: func(g groups) identFact {
			if id := g.get("id"); len(id) == 4 && strings.Trim(id[1:], "0123456789") == "" {
				return identFact{}
			}
			return identFact{camera: g.get("camera"), reel: g.get("camera") + g.get("reel"), cameraID: g.get("id")}
		},
	},
	{
		// ALEXA 35 reel folder A_0076_1CTJ, or A_0076_1CTJ_hde after HDE
		// conversion.
		re: regexp.MustCompile(`(?i)^(?P<index>[A-Z][A-Z_])(?P<reel>\d{4})_(?P<id>[A-Z0-9]{4})(?:_[A-Z]+)?$`),
		fill: func(g groups) identFact {
			return identFact{camera: strings.TrimRight(g.get("index"), "_"), reel: g.get("index") + g.get("reel"), cameraID: g.get("id")}
		},
	},
	{
		// RED magazine A001_0502XY.RDM and clip folder A001_C002_0502A6.RDC.
		re: regexp.MustCompile(`(?i)^(?P<camera>[A-Z])(?P<reel>\d{3})_(?:[A-Z]\d{3}_)?\d{4}[A-Z0-9]{2}\.RD[MC]$`),
		fill: func(g groups) identFact {
			return identFact{camera: g.get("camera"), reel: g.get("camera") + g.get("reel")}
		},
	},
	{
		// Camera folders: Cam A, CamB, Camera_C.
		re: regexp.MustCompile(`(?i)^cam(?:era)?[ _-]?(?P<camera>[A-Z])$`),
		fill: func(g groups) identFact {
			return identFact{camera: g.get("camera")}
		},
	},
	{
		// A_CAM, B-Cam, CCam, D Camera.
		re: regexp.MustCompile(`(?i)^(?P<camera>[A-Z])[ _-]?cam(?:era)?$`),
		fill: func(g groups) identFact {
			return identFact{camera: g.get("camera")}
		},
	},
}

// identFromFolder reads camera, reel and camera ID from a folder name.
func identFromFolder(dir string) (identFact, bool) {
	for _, r := range folderRules {
		m := r.re.FindStringSubmatch(dir)
		if m == nil {
			continue
		}
		if f := r.fill(groups{r.re, m}); f != (identFact{}) {
			f.from = media.FromFolder
			return f, true
		}
	}
	return identFact{}, false
}
