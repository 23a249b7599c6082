package probe

import (
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/rushes/rushes/media"
	"github.com/rushes/rushes/probe/bwf"
	"github.com/rushes/rushes/probe/names"
	"github.com/rushes/rushes/probe/qt"
	"github.com/rushes/rushes/probe/sidecar"
)

// quicktime offers what a QuickTime/MP4 container holds: the Apple local
// creation date (with its offset) before the UTC mvhd time.
func (s *sources) quicktime(path string) {
	in, err := qt.ReadFile(path)
	if err != nil {
		s.warn("quicktime: %v", err)
		return
	}
	for _, w := range in.Warnings {
		s.warn("quicktime: %s", w)
	}
	s.shotAt.add(in.CreationDate, media.FromContainer)
	s.shotAt.add(in.Created, media.FromContainer)
	if in.Timecode != nil {
		s.tc.add(*in.Timecode, media.FromTmcd)
	}
	s.reel.add(in.Reel, media.FromTmcd)
	s.make.add(in.Make, media.FromContainer)
	s.model.add(in.Model, media.FromContainer)
	s.serial.add(in.Serial, media.FromContainer)
	s.duration.add(in.Duration, media.FromContainer)
	v, a := in.Video(), in.Sound()
	if v != nil {
		s.codec.add(v.Codec, media.FromContainer)
		s.width.add(v.Width, media.FromContainer)
		s.height.add(v.Height, media.FromContainer)
		s.rate.add(v.Rate, media.FromContainer)
	} else if a != nil {
		s.kind = media.KindAudio
		s.codec.add(a.Codec, media.FromContainer)
	}
	if a != nil {
		s.sampleRate.add(a.SampleRate, media.FromContainer)
		s.channels.add(a.Channels, media.FromContainer)
	}
}

// wave offers a BWF file's slate (iXML, then bext description lines) and
// its start timecode. bext origination is wall-clock time with no zone: it
// is read in loc.
func (s *sources) wave(path string, loc *time.Location) {
	in, err := bwf.ReadFile(path)
	if err != nil {
		if errors.Is(err, bwf.ErrNotWAVE) {
			s.warn("wave: %s is not a WAVE file", filepath.Base(path))
		} else {
			s.warn("wave: %v", err)
		}
		return
	}
	for _, w := range in.Warnings {
		s.warn("wave: %s", w)
	}
	slate := media.FromBext
	if in.Scene != "" || in.Take != "" || in.Tape != "" {
		slate = media.FromIXML
	}
	s.scene.add(in.Scene, slate)
	s.take.add(in.Take, slate)
	s.reel.add(in.Tape, slate)
	s.project.add(in.Project, slate)
	s.notes.add(in.Note, slate)
	s.circled.add(in.Circled, slate)
	if !in.Origination.IsZero() {
		o := in.Origination
		s.shotAt.add(time.Date(o.Year(), o.Month(), o.Day(), o.Hour(), o.Minute(), o.Second(), 0, loc), media.FromBext)
	}
	if in.Timecode != nil {
		s.tc.add(*in.Timecode, media.FromBext)
	}
	s.rate.add(in.Rate, media.FromBext)
	s.duration.add(in.Duration, media.FromContainer)
	s.sampleRate.add(in.SampleRate, media.FromContainer)
	s.channels.add(in.Channels, media.FromContainer)
	s.model.add(strings.TrimSpace(in.Originator), media.FromBext)
	if in.Format == 1 || in.Format == 3 {
		s.codec.add(fmt.Sprintf("pcm_%d", in.BitsPerSample), media.FromContainer)
	}
}

// sidecars offers what a Sony or Canon clip XML beside the media says.
func (s *sources) sidecars(path string, folders *sidecar.Folders) {
	if x, ok := folders.SonyFor(path); ok {
		sony, err := sidecar.ReadSonyFile(x)
		if err != nil {
			s.warn("sidecar %s: %v", filepath.Base(x), err)
		} else {
			s.sony(sony)
		}
	}
	if x, ok := folders.CanonFor(path); ok && !strings.EqualFold(filepath.Ext(path), ".xml") {
		canon, err := sidecar.ReadCanonFile(x)
		if err == nil {
			s.make.add(canon.Manufacturer, media.FromSidecar)
			s.model.add(canon.Model, media.FromSidecar)
			s.serial.add(canon.Serial, media.FromSidecar)
		} else if !errors.Is(err, sidecar.ErrNotCanon) {
			s.warn("sidecar %s: %v", filepath.Base(x), err)
		}
	}
}

func (s *sources) sony(x *sidecar.Sony) {
	for _, w := range x.Warnings {
		s.warn("sidecar: %s", w)
	}
	s.shotAt.add(x.CreationDate, media.FromSidecar)
	if x.Timecode != nil {
		s.tc.add(*x.Timecode, media.FromSidecar)
	}
	s.rate.add(x.Rate, media.FromSidecar)
	s.duration.add(x.Duration, media.FromSidecar)
	s.width.add(x.Width, media.FromSidecar)
	s.height.add(x.Height, media.FromSidecar)
	s.codec.add(x.Codec, media.FromSidecar)
	s.make.add(x.Manufacturer, media.FromSidecar)
	s.model.add(x.Model, media.FromSidecar)
	s.serial.add(x.Serial, media.FromSidecar)
}

// names offers what the file name and its folders say: the folders below
// root, and root's own name for a slate (a PA's Sc20_T4 given whole), never
// the folders above it.
func (s *sources) names(path, root string, patterns []*regexp.Regexp, loc *time.Location) {
	rel, top := path, ""
	if root != "" {
		if r, err := filepath.Rel(root, path); err == nil && !strings.HasPrefix(r, "..") {
			rel, top = r, filepath.Base(root)
		}
	}
	n := names.ParseIn(top, filepath.ToSlash(rel), patterns)
	s.clipKey = n.ClipKey
	from := func(where string) string {
		if where == media.FromFolder {
			return media.FromFolder
		}
		return media.FromFilename
	}
	s.scene.add(n.Scene, from(n.SceneFrom))
	if n.Scene != "" {
		s.take.add(n.Take, from(n.SceneFrom))
	}
	s.camera.add(n.Camera, from(n.CameraFrom))
	s.reel.add(n.Reel, from(n.CameraFrom))
	if d := n.Date; !d.IsZero() {
		// Names carry wall-clock dates. A date alone is placed at noon so
		// that no day_starts shift can move it to another shooting day.
		h, m := d.Hour(), d.Minute()
		if !n.HasTime {
			h, m = 12, 0
		}
		s.shotAt.add(time.Date(d.Year(), d.Month(), d.Day(), h, m, d.Second(), 0, loc), media.FromFilename)
	}
}
