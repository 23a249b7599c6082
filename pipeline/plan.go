package pipeline

import (
	"context"
	"path/filepath"
	"strings"
	"time"

	"github.com/rushes/rushes/media"
	"github.com/rushes/rushes/organize"
)

// fileFacts is what this slice knows about a file before the probe stage
// reads its metadata: the kind from its extension, the time from its
// modification time.
type fileFacts struct {
	Kind   media.Kind
	Role   string
	ShotAt time.Time
	Date   string
}

var kindByExt = map[string]media.Kind{
	".mov": media.KindVideo, ".mp4": media.KindVideo, ".m4v": media.KindVideo, ".mxf": media.KindVideo,
	".r3d": media.KindVideo, ".braw": media.KindVideo, ".mts": media.KindVideo, ".m2ts": media.KindVideo,
	".avi": media.KindVideo, ".mkv": media.KindVideo, ".3gp": media.KindVideo, ".crm": media.KindVideo,
	".ari": media.KindVideo, ".insv": media.KindVideo,
	".wav": media.KindAudio, ".bwf": media.KindAudio, ".aif": media.KindAudio, ".aiff": media.KindAudio,
	".m4a": media.KindAudio, ".mp3": media.KindAudio, ".flac": media.KindAudio,
}

// roleByExt says which files travel with a clip rather than being one.
var roleByExt = map[string]string{
	".xml": "sidecar", ".srt": "sidecar", ".lrf": "proxy", ".lrv": "proxy", ".thm": "thumbnail",
	".jpg": "thumbnail", ".bim": "sidecar", ".cpi": "sidecar", ".mpl": "sidecar", ".rmd": "sidecar",
}

func factsFor(s Source, loc *time.Location, dayStarts time.Duration) fileFacts {
	ext := strings.ToLower(filepath.Ext(s.Path))
	kind, ok := kindByExt[ext]
	if !ok {
		kind = media.KindOther
	}
	role := roleByExt[ext]
	if role == "" {
		role = "media"
	}
	return fileFacts{Kind: kind, Role: role, ShotAt: s.Mtime, Date: organize.ShootingDay(s.Mtime, loc, dayStarts)}
}

// plan gives every source its place in the library and says why.
func (p *Pipeline) plan(ctx context.Context, sources []Source) ([]Planned, error) {
	out := make([]Planned, 0, len(sources))
	for _, s := range sources {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		f := factsFor(s, p.opts.Location, p.opts.DayStarts)
		rel := p.opts.Layout.Render(organize.Values{
			Date: f.Date, Card: s.Card, Kind: string(f.Kind), Name: filepath.Base(s.Path),
		})
		dest, err := organize.Within(p.opts.Library, rel)
		if err != nil {
			return nil, err
		}
		out = append(out, Planned{Source: s, Dest: dest, Facts: f, Reason: map[string]string{
			"date":   media.FromFileMtime,
			"scene":  "none found: unsorted",
			"camera": "none found: unknown",
		}})
	}
	return out, nil
}
