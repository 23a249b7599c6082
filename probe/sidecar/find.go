package sidecar

import (
	"os"
	"path/filepath"
	"strings"
)

// SonyFor returns the NonRealTimeMeta sidecar of a Sony clip: <stem>M01.XML
// in the clip's folder (C0001M01.XML beside C0001.MP4 or C0001.MXF), in any
// letter case, as FAT cards and copies may change it.
func SonyFor(mediaPath string) (xmlPath string, ok bool) {
	return beside(mediaPath, stem(mediaPath)+"M01.XML")
}

// CanonFor returns the clip XML of a Canon XF clip: the same name as the
// clip with the extension .XML (A001C001_220101AB_CANON.MXF ->
// A001C001_220101AB_CANON.XML), in any letter case.
func CanonFor(mediaPath string) (xmlPath string, ok bool) {
	if strings.EqualFold(filepath.Ext(mediaPath), ".xml") {
		return "", false
	}
	return beside(mediaPath, stem(mediaPath)+".XML")
}

func stem(path string) string {
	base := filepath.Base(path)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// beside finds the regular file named name (ignoring case) in path's
// folder. It tries the usual spellings first so that a folder of thousands
// of clips is listed only when they miss.
func beside(path, name string) (string, bool) {
	dir := filepath.Dir(path)
	for _, n := range []string{name, strings.ToLower(name), strings.TrimSuffix(name, ".XML") + ".xml"} {
		if p := filepath.Join(dir, n); isFile(p) {
			return p, true
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "", false
	}
	for _, e := range entries {
		if strings.EqualFold(e.Name(), name) {
			if p := filepath.Join(dir, e.Name()); isFile(p) {
				return p, true
			}
		}
	}
	return "", false
}

func isFile(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}
