package catalog

import (
	"time"

	"github.com/rushes/rushes/media"
)

// Clip is one recording in the library with the files that travel with it.
type Clip struct {
	ID          int64
	Name        string
	Kind        media.Kind
	Date        string    // shooting day, YYYY-MM-DD
	ShotAt      time.Time // zero when unknown
	Scene       string
	Take        string
	Camera      string
	Reel        string
	Project     string
	Card        string // the card or folder the clip was ingested from (layout token {card})
	TCStart     string
	Rate        media.Rate
	Duration    float64 // seconds; 0 when unknown
	Codec       string
	Width       int
	Height      int
	SampleRate  int
	Channels    int
	SizeBytes   int64  // all files
	LibraryPath string // the media file, relative to the library root
	SourcePath  string
	HashAlgo    string
	Hash        string // of the media file
	Circled     bool
	Rating      *int
	NG          bool
	Provenance  map[string]string
	Warnings    []string
	IngestedAt  time.Time
	Files       []File
	Notes       []Note
	Tags        []string
}

// File is one verified file of a clip.
type File struct {
	ClipID      int64  // set when read from the catalog
	Path        string // relative to the library root
	Role        string // media, sidecar, proxy, thumbnail
	SizeBytes   int64
	HashAlgo    string
	Hash        string
	SourcePath  string
	SourceMtime time.Time
	VerifiedAt  time.Time
	// OtherSources are source paths of the same bytes found later under
	// other names (not copied again; see AddSource).
	OtherSources []string
}

// Note is a timestamped remark an editor added.
type Note struct {
	At     time.Time
	Author string
	Text   string
}

// Run is one ingest: what it was given and how it went.
type Run struct {
	ID          int64
	StartedAt   time.Time
	FinishedAt  time.Time
	Sources     []string
	State       string
	FilesTotal  int
	FilesCopied int
	FilesKnown  int
	FilesFailed int
	BytesCopied int64
}

// Journal states of one source file within a run.
const (
	StatePlanned  = "planned"
	StateCopying  = "copying"
	StateVerified = "verified"
	StateKnown    = "known" // already in the library: nothing copied
	StateFailed   = "failed"
)

const timeLayout = time.RFC3339Nano

func formatTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.Format(timeLayout)
}

func parseTime(s string) time.Time {
	t, _ := time.Parse(timeLayout, s)
	return t
}
