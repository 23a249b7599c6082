package sidecar

import (
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/rushes/rushes/fsutil"
)

// SonyFor returns the NonRealTimeMeta sidecar of a Sony clip: <stem>M01.XML
// in the clip's folder (C0001M01.XML beside C0001.MP4 or C0001.MXF), in any
// letter case, as FAT cards and copies may change it.
func SonyFor(mediaPath string) (xmlPath string, ok bool) {
	return new(Folders).SonyFor(mediaPath)
}

// CanonFor returns the clip XML of a Canon XF clip: the same name as the
// clip with the extension .XML (A001C001_220101AB_CANON.MXF ->
// A001C001_220101AB_CANON.XML), in any letter case.
func CanonFor(mediaPath string) (xmlPath string, ok bool) {
	return new(Folders).CanonFor(mediaPath)
}

// Folders finds sidecars as SonyFor and CanonFor do, listing each folder
// once however many of its files ask: a card folder of 3,000 stills was
// listed twice per still, 9 s of probing. A listing is kept for the
// Folders' life, so use one per card probed, not one for ever. Safe for
// concurrent use; the zero value is ready.
type Folders struct {
	mu      sync.Mutex
	folders map[string]*listing
}

// listing is one folder's names: each name, and the first name in the
// folder of each lower-case spelling.
type listing struct {
	names map[string]bool
	lower map[string]string
}

// SonyFor is SonyFor with the folders listed once.
func (fs *Folders) SonyFor(mediaPath string) (xmlPath string, ok bool) {
	return fs.beside(mediaPath, stem(mediaPath)+"M01.XML")
}

// CanonFor is CanonFor with the folders listed once.
func (fs *Folders) CanonFor(mediaPath string) (xmlPath string, ok bool) {
	if strings.EqualFold(filepath.Ext(mediaPath), ".xml") {
		return "", false
	}
	return fs.beside(mediaPath, stem(mediaPath)+".XML")
}

func stem(path string) string {
	base := filepath.Base(path)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// beside finds the regular file named name in path's folder: the usual
// spellings first (where a case-sensitive folder holds two), then any
// letter case.
func (fs *Folders) beside(path, name string) (string, bool) {
	dir := filepath.Dir(path)
	l := fs.list(dir)
	for _, n := range []string{name, strings.ToLower(name), strings.TrimSuffix(name, ".XML") + ".xml"} {
		if p := filepath.Join(dir, n); l.names[n] && isFile(p) {
			return p, true
		}
	}
	if n, ok := l.lower[strings.ToLower(name)]; ok {
		if p := filepath.Join(dir, n); isFile(p) {
			return p, true
		}
	}
	return "", false
}

// list returns dir's listing, read on the first call for dir. A folder
// that cannot be read lists as empty.
func (fs *Folders) list(dir string) *listing {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if l, ok := fs.folders[dir]; ok {
		return l
	}
	l := &listing{names: map[string]bool{}, lower: map[string]string{}}
	entries, _ := fsutil.ReadDir(dir)
	for _, e := range entries {
		l.names[e.Name()] = true
		if k := strings.ToLower(e.Name()); l.lower[k] == "" {
			l.lower[k] = e.Name()
		}
	}
	if fs.folders == nil {
		fs.folders = map[string]*listing{}
	}
	fs.folders[dir] = l
	return l
}

func isFile(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}
