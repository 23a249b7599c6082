// Package probe turns a file (and its neighbours: sidecars, folder names)
// into media.Facts, each fact with its provenance. It dispatches to the
// format readers below it (qt, bwf, sidecar, names) and to ffprobe when it is
// installed, and applies the brief's precedence when sources disagree,
// keeping the disagreement as a warning. It only ever reads: it never
// writes, renames or locks a file. A file whose metadata cannot be read is a
// warning, never an error: the footage must still be offloaded.
package probe

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/rushes/rushes/fsutil"
	"github.com/rushes/rushes/media"
	"github.com/rushes/rushes/probe/sidecar"
)

// Prober reads facts from files. The zero value works: no configured
// patterns, local time for wall-clock dates, ffprobe not used.
type Prober struct {
	Patterns []*regexp.Regexp // configured name patterns (scene, take, camera, reel)
	Location *time.Location   // zone of wall-clock times with no offset (bext origination)
	FFprobe  string           // path to ffprobe, "" to never run it; see LookFFprobe
}

// File probes one file. root is the card or folder it was found under:
// folder names between root and the file may carry scene and take. The
// error is non-nil only when the file cannot be opened at all.
func (p *Prober) File(ctx context.Context, path, root string) (media.Facts, error) {
	return p.file(ctx, path, root, new(sidecar.Folders))
}

// file probes one file, finding its sidecars in folders, which may have
// listed its folder for another file already.
func (p *Prober) file(ctx context.Context, path, root string, folders *sidecar.Folders) (media.Facts, error) {
	f := media.Facts{Path: path, Kind: kindOf(path)}
	info, err := os.Stat(path)
	if err != nil {
		return f, fmt.Errorf("probe %s: %w", path, err)
	}
	if !info.Mode().IsRegular() {
		return f, fmt.Errorf("probe %s: not a regular file", path)
	}
	fh, err := fsutil.OpenRead(path)
	if err != nil {
		// Unreadable now (no permission, a failing card): its name still
		// says which recording it belongs to, so it is grouped and placed
		// with the rest of its clip, whose offload then fails as a whole.
		var s sources
		s.names(path, root, p.Patterns, p.location())
		s.apply(&f)
		return f, fmt.Errorf("probe %s: %w", path, err)
	}
	fh.Close()
	// Sources in order of precedence: the first to set a fact wins
	// (media.Facts.Set keeps the first provenance).
	var s sources
	switch container(path) {
	case "quicktime":
		s.quicktime(path)
	case "wave":
		s.wave(path, p.location())
	}
	s.sidecars(path, folders)
	s.names(path, root, p.Patterns, p.location())
	if p.FFprobe != "" && container(path) == "" && kindOf(path) != media.KindOther {
		s.ffprobe(ctx, p.FFprobe, path)
	}
	s.apply(&f)
	if f.ShotAt.IsZero() {
		f.ShotAt = info.ModTime().In(p.location())
		f.Set("date", media.FromFileMtime)
	}
	return f, nil
}

func (p *Prober) location() *time.Location {
	if p.Location == nil {
		return time.Local
	}
	return p.Location
}

var quicktimeExt = map[string]bool{".mov": true, ".mp4": true, ".m4v": true, ".m4a": true, ".3gp": true, ".lrv": true, ".insv": true}

// container names the reader of our own that understands the file, by extension.
func container(path string) string {
	ext := strings.ToLower(filepath.Ext(path))
	switch {
	case quicktimeExt[ext]:
		return "quicktime"
	case ext == ".wav" || ext == ".bwf":
		return "wave"
	}
	return ""
}

var kindByExt = map[string]media.Kind{
	".mov": media.KindVideo, ".mp4": media.KindVideo, ".m4v": media.KindVideo, ".mxf": media.KindVideo,
	".r3d": media.KindVideo, ".braw": media.KindVideo, ".mts": media.KindVideo, ".m2ts": media.KindVideo,
	".avi": media.KindVideo, ".mkv": media.KindVideo, ".3gp": media.KindVideo, ".crm": media.KindVideo,
	".ari": media.KindVideo, ".insv": media.KindVideo, ".lrv": media.KindVideo,
	".wav": media.KindAudio, ".bwf": media.KindAudio, ".aif": media.KindAudio, ".aiff": media.KindAudio,
	".m4a": media.KindAudio, ".mp3": media.KindAudio, ".flac": media.KindAudio,
}

// kindOf is the kind an extension promises; readers may refine it (a .mov
// with only sound tracks is audio).
func kindOf(path string) media.Kind {
	if k, ok := kindByExt[strings.ToLower(filepath.Ext(path))]; ok {
		return k
	}
	return media.KindOther
}
