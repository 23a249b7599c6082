// Package media holds the few domain types every pipeline stage may import:
// the facts probed from one file, frame rates and timecodes. It owns no I/O
// and imports nothing else from rushes, so that probe, organize, offload and
// catalog can share these types without importing each other.
package media

import "time"

// Kind says what a file carries.
type Kind string

const (
	KindVideo Kind = "video"
	KindAudio Kind = "audio"
	KindOther Kind = "other"
)

// Provenance sources: where a fact came from. The brief's names, used verbatim in
// JSON output and in the catalog.
const (
	FromManual        = "manual"
	FromIXML          = "ixml"
	FromBext          = "bext"
	FromSidecar       = "sidecar"
	FromFilename      = "filename"
	FromFolder        = "folder"
	FromTimecodeMatch = "timecode-match"
	FromContainer     = "container"
	FromTmcd          = "tmcd"
	FromFFprobe       = "ffprobe"
	FromFileMtime     = "file-mtime"
)

// Facts is what rushes learned about one file. Zero values mean "unknown";
// Provenance maps a fact's JSON name (date, scene, take, camera, ...) to the
// source it came from, and Warnings says what could not be read and why.
type Facts struct {
	Path       string
	Kind       Kind
	ShotAt     time.Time // with the zone it was recorded in, when known
	Scene      string
	Take       string
	Camera     string
	Reel       string
	Project    string
	TCStart    *Timecode
	Rate       Rate // picture or timecode rate
	Duration   time.Duration
	Codec      string
	Width      int
	Height     int
	SampleRate int
	Channels   int
	Circled    bool
	Notes      string
	Make       string
	Model      string
	Serial     string
	ClipKey    string // same for every file of one recording on a card (media, sidecars, chapters, spans, tracks)
	Provenance map[string]string
	Warnings   []string
}

// Set records a fact's source; it keeps the first source set, so callers
// apply sources in order of precedence.
func (f *Facts) Set(field, source string) {
	if f.Provenance == nil {
		f.Provenance = map[string]string{}
	}
	if _, ok := f.Provenance[field]; !ok {
		f.Provenance[field] = source
	}
}

// Warn appends a warning: something that could not be read, and why.
func (f *Facts) Warn(msg string) { f.Warnings = append(f.Warnings, msg) }
