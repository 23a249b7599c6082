package export

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/rushes/rushes/catalog"
	"github.com/rushes/rushes/media"
)

// FCPXMLOptions shape a Final Cut Pro XML document.
type FCPXMLOptions struct {
	// Version is "1.9", "1.10" (default) or "1.11". Final Cut Pro reads its
	// own version and older ones: choose 1.9 for an older Final Cut or a
	// Resolve release that refuses 1.10.
	Version string
	// EventName names the one event holding the clips; empty gives "Rushes
	// 2026-11-02", or "Rushes 2026-11-01 to 2026-11-03" across days.
	EventName string
	// LibraryRoot is the library as the editing machine mounts it (an
	// absolute path such as /Volumes/RUSHES). Required when the clips'
	// library paths are relative: media-rep src must be an absolute file URL.
	LibraryRoot string
	// FPS is the rate for clips that carry none; zero takes the most common
	// rate of the picture clips. With no rate at all for a picture clip,
	// FCPXML returns ErrNoFrameRate.
	FPS media.Rate
	// Stringout names the project holding every clip end to end: DaVinci
	// Resolve imports FCPXML through its timeline import, which wants a
	// project, and brings the clips into the media pool with it. Empty names
	// it "<event> stringout"; NoStringout leaves it out.
	Stringout   string
	NoStringout bool
	// Warn, when set, is told what the document had to assume. Nil drops
	// warnings.
	Warn func(msg string)
}

// fcpxmlVersions are the versions whose DTDs the tests validate against.
var fcpxmlVersions = []string{"1.9", "1.10", "1.11"}

// FCPXML writes clips as one Final Cut Pro event: a resources section with a
// format per distinct picture rate and size and an asset per clip (its file
// URL, start timecode and duration as rational times), then the event with a
// keyword collection per scene ("Scene 12"; "Unsorted" for clips without one)
// and per tag, each clip keyed by its scene and tags, circled takes rated
// favorite and NG takes reject, notes as the clip's note, and reel, scene,
// take and camera as Final Cut's own metadata fields. Unless NoStringout is
// set, a project strings the clips together for applications that import
// timelines. Output is deterministic: ids follow clip order.
func FCPXML(w io.Writer, clips []catalog.Clip, opts FCPXMLOptions) error {
	version := orDefault(opts.Version, "1.10")
	if !slices.Contains(fcpxmlVersions, version) {
		return fmt.Errorf("fcpxml version %q: rushes writes %s", version, strings.Join(fcpxmlVersions, ", "))
	}
	if opts.Warn == nil {
		opts.Warn = func(string) {}
	}
	placed, err := placeClips(clips, opts)
	if err != nil {
		return err
	}
	doc := fcpxmlDoc{Version: version, Event: fcpEvent{Name: orDefault(opts.EventName, eventName(clips))}}
	formats := assignFormats(placed, &doc.Resources)
	for i := range placed {
		p := &placed[i]
		p.assetID = "r" + strconv.Itoa(len(doc.Resources.Formats)+i+1)
		doc.Resources.Assets = append(doc.Resources.Assets, p.asset(opts.LibraryRoot))
		doc.Event.Clips = append(doc.Event.Clips, p.eventClip())
	}
	doc.Event.Collections = collections(placed)
	if !opts.NoStringout && len(placed) > 0 {
		doc.Event.Project = stringout(placed, formats, orDefault(opts.Stringout, doc.Event.Name+" stringout"), opts.Warn)
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header + "<!DOCTYPE fcpxml>\n")
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "    ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("write fcpxml: %w", err)
	}
	buf.WriteString("\n")
	// Empty elements as Final Cut writes them: <format .../>, not <format ...></format>.
	if _, err := w.Write(emptyElement.ReplaceAll(buf.Bytes(), []byte("$1/>"))); err != nil {
		return fmt.Errorf("write fcpxml: %w", err)
	}
	return nil
}

// emptyElement matches a start tag directly followed by an end tag, which in
// well-formed XML is its own; encoding/xml escapes '<' and '>' inside
// attribute values, so a tag ends at the first '>'.
var emptyElement = regexp.MustCompile(`(<[a-z-]+(?: [^<>]*)?)></[a-z-]+>`)

// fcpPlaced is a clip with its times as rational seconds over den: frames
// of its rate, or samples when a sound clip has neither rate nor timecode.
type fcpPlaced struct {
	c                 catalog.Clip
	start, dur, den   int64
	rate              media.Rate // zero for sample-counted sound
	drop, video       bool
	formatID, assetID string
}

// placeClips times every clip, warning about what had to be assumed.
func placeClips(clips []catalog.Clip, opts FCPXMLOptions) ([]fcpPlaced, error) {
	fallback := opts.FPS
	var picture, all rateCount
	for _, c := range clips {
		all.add(c.Rate)
		if isPicture(c) {
			picture.add(c.Rate)
		}
	}
	if fallback.IsZero() {
		fallback = picture.most()
	}
	if fallback.IsZero() {
		fallback = all.most()
	}
	out := make([]fcpPlaced, 0, len(clips))
	for _, c := range clips {
		if !strings.HasPrefix(libraryFile(opts.LibraryRoot, c.LibraryPath), "/") {
			return nil, fmt.Errorf("fcpxml: %s: library path %q is relative: set the library root as the editing machine mounts it", c.Name, c.LibraryPath)
		}
		p, err := placeClip(c, fallback, opts.Warn)
		if err != nil {
			return nil, err
		}
		if p.dur <= 0 {
			opts.Warn(fmt.Sprintf("%s: duration unknown; Final Cut Pro reads it from the file", c.Name))
		}
		out = append(out, p)
	}
	return out, nil
}

// placeClip counts a clip in frames of its rate (or fallback's), or in
// samples when it is sound with neither rate nor timecode.
func placeClip(c catalog.Clip, fallback media.Rate, warn func(string)) (fcpPlaced, error) {
	p := fcpPlaced{c: c, video: isPicture(c)}
	if c.Rate.IsZero() && !p.video && strings.TrimSpace(c.TCStart) == "" {
		p.den = int64(max(c.SampleRate, 1000))
		p.dur = durationFrames(c.Duration, media.Rate{Num: p.den, Den: 1})
		return p, nil
	}
	t, ok := timeClip(c, fallback)
	if !ok {
		return p, fmt.Errorf("fcpxml: %s: %w", c.Name, ErrNoFrameRate)
	}
	switch {
	case t.TCErr != nil:
		warn(fmt.Sprintf("%s: %v; asset starts at 0s", c.Name, t.TCErr))
	case t.NoTC && p.video:
		warn(fmt.Sprintf("%s: no start timecode; asset starts at 0s", c.Name))
	}
	if t.RateAssumed {
		warn(fmt.Sprintf("%s: no frame rate; counted at %s fps", c.Name, t.Rate))
	}
	p.rate, p.drop = reduceRate(t.Rate), t.Start.Drop
	p.start, p.dur, p.den = t.Start.Frames*p.rate.Den, t.Frames*p.rate.Den, p.rate.Num
	return p, nil
}

// isPicture reports a clip with a picture: video, or anything with a size.
func isPicture(c catalog.Clip) bool {
	return c.Kind == media.KindVideo || (c.Kind != media.KindAudio && c.Width > 0)
}

func (p *fcpPlaced) asset(root string) fcpAsset {
	c := p.c
	a := fcpAsset{ID: p.assetID, Name: stem(c.Name), Start: fcpTime(p.start, p.den), Duration: fcpDuration(p.dur, p.den),
		MediaRep: fcpMediaRep{Kind: "original-media", Src: fileURL(libraryFile(root, c.LibraryPath))}}
	if p.video {
		a.HasVideo, a.Format, a.VideoSources = "1", p.formatID, "1"
	}
	if c.Kind == media.KindAudio || c.Channels > 0 {
		a.HasAudio, a.AudioSources = "1", "1"
		if c.Channels > 0 {
			a.AudioChannels = strconv.Itoa(c.Channels)
		}
		if c.SampleRate > 0 {
			a.AudioRate = strconv.Itoa(c.SampleRate)
		}
	}
	return a
}

// eventClip is the clip as it sits in the event's browser.
func (p *fcpPlaced) eventClip() fcpAssetClip {
	c := p.c
	ac := p.ref()
	start, dur := fcpTime(p.start, p.den), fcpDuration(p.dur, p.den)
	notes := make([]string, len(c.Notes))
	for i, n := range c.Notes {
		notes[i] = n.Text
	}
	ac.Note = strings.Join(notes, "\n")
	for _, k := range keywords(c) {
		ac.Keywords = append(ac.Keywords, fcpKeyword{Start: start, Duration: dur, Value: k})
	}
	switch {
	case c.NG:
		ac.Rating = &fcpRating{Start: start, Duration: dur, Value: "reject"}
	case c.Circled:
		ac.Rating = &fcpRating{Start: start, Duration: dur, Value: "favorite"}
	}
	md := []fcpMD{}
	for _, kv := range [][2]string{
		{"com.apple.proapps.studio.reel", c.Reel}, {"com.apple.proapps.studio.scene", c.Scene},
		{"com.apple.proapps.studio.shot", c.Take}, {"com.apple.proapps.studio.angle", c.Camera},
	} {
		if kv[1] != "" {
			md = append(md, fcpMD{Key: kv[0], Value: kv[1]})
		}
	}
	if len(md) > 0 {
		ac.Metadata = &fcpMetadata{MD: md}
	}
	return ac
}

// ref is an asset-clip spanning the whole asset.
func (p *fcpPlaced) ref() fcpAssetClip {
	ac := fcpAssetClip{Ref: p.assetID, Name: stem(p.c.Name), Format: p.formatID, Duration: fcpDuration(p.dur, p.den)}
	if p.start != 0 {
		ac.Start = fcpTime(p.start, p.den)
	}
	if !p.rate.IsZero() {
		ac.TCFormat = "NDF"
		if p.drop {
			ac.TCFormat = "DF"
		}
	}
	return ac
}

func stem(name string) string { return strings.TrimSuffix(name, path.Ext(name)) }

// fileURL turns an absolute path into a file URL, percent-encoding every
// byte but unreserved characters, '/' and ':' (spaces, '#', '%', non-ASCII
// names), as Final Cut Pro and Resolve decode them.
func fileURL(p string) string {
	const keep = "-._~/:"
	var b strings.Builder
	b.WriteString("file://")
	if !strings.HasPrefix(p, "/") {
		b.WriteByte('/')
	}
	for i := 0; i < len(p); i++ {
		ch := p[i]
		if 'a' <= ch && ch <= 'z' || 'A' <= ch && ch <= 'Z' || '0' <= ch && ch <= '9' || strings.IndexByte(keep, ch) >= 0 {
			b.WriteByte(ch)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", ch)
	}
	return b.String()
}

// fcpTime is num/den seconds as Final Cut writes time: whole seconds as
// "5s", anything else over the clip's own timescale, "86486400/24000s",
// never reduced to a denominator that is not a timebase.
func fcpTime(num, den int64) string {
	if num == 0 || den <= 0 {
		return "0s"
	}
	if num%den == 0 {
		return strconv.FormatInt(num/den, 10) + "s"
	}
	return strconv.FormatInt(num, 10) + "/" + strconv.FormatInt(den, 10) + "s"
}

// fcpDuration is a known duration as time, "" (attribute left out) when
// unknown.
func fcpDuration(num, den int64) string {
	if num <= 0 {
		return ""
	}
	return fcpTime(num, den)
}
