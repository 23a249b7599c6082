package bwf

import (
	"path/filepath"
	"strconv"
	"strings"
)

// TakeBase recognises, from the file name alone, a track file of a take
// recorded one file per track, and returns the take's name and the track
// number. Only Zoom's naming is unambiguous from the name: the take folder
// Scene_1_2AG-T001.TAKE holds Scene_1_2AG-T001_Tr1.WAV, _Tr2.WAV ... and
// _TrL/_TrR (or _TrLR) for the mix, returned as track 0.
//
// Sound Devices' mono-split files (A101_1_1.WAV, A101_1_2.WAV for take
// A101_1) cannot be told by name from a poly take of a scene whose name ends
// in a number (scene "A101_1", take 1, is also A101_1_1.WAV): use
// Info.TakeBase, which decides with the file's iXML FILE_SET.
//
// When ok is false, base is the name without directory and extension.
func TakeBase(name string) (base string, track int, ok bool) {
	stem := stemOf(name)
	i := strings.LastIndex(stem, "_Tr")
	if i <= 0 {
		return stem, 0, false
	}
	switch suffix := stem[i+3:]; suffix {
	case "L", "R", "LR":
		return stem[:i], 0, true
	default:
		if n, ok := trackNumber(suffix); ok {
			return stem[:i], n, true
		}
	}
	return stem, 0, false
}

// TakeBase is the package TakeBase informed by this file's iXML FILE_SET:
//   - a Zoom name (_TrN) is a track file whatever iXML says;
//   - FILE_SET TOTAL_FILES > 1 says the take is split over several files, so
//     a trailing _N is the track: A101_1_1 (Sound Devices) is take A101_1,
//     track 1; Sr001-2C-01_01 (Metacorder) is take Sr001-2C-01, track 1;
//   - TOTAL_FILES 1 says the file is the whole take (A101_1 is scene A101,
//     take 1, not a track of "A101");
//   - without FILE_SET, only the name-only rule applies.
//
// Group track files by FileSet.FamilyUID when it is set: it is the
// recorder's own identity for the take, base is the name-derived one.
func (in *Info) TakeBase(name string) (base string, track int, ok bool) {
	if base, track, ok = TakeBase(name); ok || in.FileSet.Total <= 1 {
		return base, track, ok
	}
	i := strings.LastIndexByte(base, '_')
	if i <= 0 {
		return base, 0, false
	}
	if n, isNum := trackNumber(base[i+1:]); isNum {
		return base[:i], n, true
	}
	return base, 0, false
}

func stemOf(name string) string {
	name = filepath.Base(name)
	return strings.TrimSuffix(name, filepath.Ext(name))
}

// trackNumber reads a 1- to 3-digit track number.
func trackNumber(s string) (int, bool) {
	if len(s) == 0 || len(s) > 3 {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n >= 0 && !strings.ContainsAny(s, "+-")
}
