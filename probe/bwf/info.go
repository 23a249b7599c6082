package bwf

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/rushes/rushes/fsutil"
	"github.com/rushes/rushes/media"
)

// ErrNotWAVE is returned when the bytes are not a RIFF, RF64 or BW64 WAVE
// file at all. Everything else wrong with a file becomes a warning.
var ErrNotWAVE = errors.New("not a RIFF/RF64 WAVE file")

// Info is what a WAV file says about itself. Zero values mean unknown.
type Info struct {
	Container     string // "RIFF", "RF64" or "BW64"
	Format        uint16 // format tag; for WAVE_FORMAT_EXTENSIBLE, the sub-format's tag (1 PCM, 3 float)
	Channels      int
	SampleRate    int
	BitsPerSample int
	BlockAlign    int
	DataBytes     int64 // bytes of the data chunk present in the file (ds64 size for RF64)
	Samples       int64 // sample frames, for PCM-like formats
	Duration      time.Duration

	// bext (EBU Tech 3285). Text fields are NUL-trimmed.
	HasBext       bool
	Description   string
	Originator    string
	OriginatorRef string
	CodingHistory string
	// Origination is the bext OriginationDate and OriginationTime as a wall
	// clock reading in the recorder's (unknown) zone. It carries the UTC
	// location only because Go needs one: do not treat it as UTC, apply the
	// shoot's time zone to its fields. Zero when absent or invalid.
	Origination time.Time
	// TimeReference counts samples since midnight at SampleRate (bext); when
	// the file has no bext, it is iXML's TIMESTAMP_SAMPLES_SINCE_MIDNIGHT.
	TimeReference    uint64
	HasTimeReference bool

	// Slate: iXML first, then bext description lines (sSCENE=, SCENE=...).
	Rate     media.Rate // timecode rate
	Drop     bool       // drop-frame timecode
	Timecode *media.Timecode
	Project  string
	Scene    string
	Take     string
	Tape     string
	Note     string
	Circled  bool

	Tracks  []Track
	FileSet FileSet

	Warnings []string
}

// Track is one entry of the iXML TRACK_LIST.
type Track struct {
	Index      int // CHANNEL_INDEX: the recorder's track number
	Interleave int // INTERLEAVE_INDEX: the channel's position in this file
	Name       string
}

// FileSet is the iXML FILE_SET: one take recorded as several files (one per
// track) shares a FamilyUID. Index is FILE_SET_INDEX; Sound Devices writes a
// letter there for poly files ("A"), counted as A=1, B=2...
type FileSet struct {
	Total     int
	Index     int
	FamilyUID string
}

// ReadFile reads the WAV file at path.
func ReadFile(path string) (*Info, error) {
	f, err := fsutil.OpenRead(path)
	if err != nil {
		return nil, fmt.Errorf("bwf: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("bwf: stat %s: %w", path, err)
	}
	info, err := Read(f, st.Size())
	if err != nil {
		return nil, fmt.Errorf("bwf %s: %w", path, err)
	}
	return info, nil
}

// Read reads a WAV file of size bytes from r. It returns ErrNotWAVE when the
// header is not a WAVE header and an error when r itself fails; a truncated
// or corrupt file returns what could be read, with Warnings saying what was
// not and why.
func Read(r io.ReaderAt, size int64) (*Info, error) {
	p := &parser{r: r, size: size, info: &Info{}}
	if err := p.header(); err != nil {
		return nil, err
	}
	if err := p.walk(); err != nil {
		return nil, err
	}
	p.finish()
	return p.info, nil
}
