package qt

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/rushes/rushes/fsutil"
	"github.com/rushes/rushes/media"
)

// ErrNotQuickTime says the bytes do not start like a QuickTime or ISO base
// media file, so nothing was read.
var ErrNotQuickTime = errors.New("not a QuickTime or ISO media file")

// Info is what a QuickTime or MP4 file says about itself. Zero values mean
// the file did not say; Warnings says what could not be read and why.
type Info struct {
	Brand        string            // ftyp major brand, e.g. "qt  ", "mp41"; empty for old QuickTime files
	Created      time.Time         // mvhd creation time, UTC; zero when the field is 0
	Duration     time.Duration     // mvhd duration, or the longest track's fragments in a fragmented file
	Tracks       []Track           // in file order
	Timecode     *media.Timecode   // start timecode of the first tmcd track
	Reel         string            // reel name of that tmcd track
	CreationDate time.Time         // com.apple.quicktime.creationdate: local time in the zone it was written with
	Make         string            // camera maker
	Model        string            // camera model
	Software     string            // writing application or firmware
	Serial       string            // camera serial (GoPro CAME, in hex)
	UserData     map[string]string // udta text atoms keyed by atom name (©day, ©mak, ©xyz, FIRM ...)
	Keys         map[string]string // Apple meta keys (com.apple.quicktime.*) and their values
	Tags         map[string]string // iTunes-style user tags: title, artist, album, comment, year ...
	Fragmented   bool              // mvex or moof seen
	Warnings     []string          // what could not be read, naming the box and its offset
}

// Track is one trak of the movie.
type Track struct {
	ID             uint32
	Handler        string // vide soun tmcd meta ...
	Codec          string // fourcc of the first sample description: avc1 hvc1 apch jpeg mp4a lpcm tmcd ...
	CompressorName string
	Width, Height  int
	Timescale      uint32 // mdhd time units per second
	Duration       time.Duration
	Rate           media.Rate // video and timecode tracks
	SampleRate     int        // sound tracks
	Channels       int
	BitsPerSample  int
}

// Video returns the first video track, or nil.
func (i *Info) Video() *Track { return i.track("vide") }

// Sound returns the first sound track, or nil.
func (i *Info) Sound() *Track { return i.track("soun") }

func (i *Info) track(handler string) *Track {
	for k := range i.Tracks {
		if i.Tracks[k].Handler == handler {
			return &i.Tracks[k]
		}
	}
	return nil
}

// ReadFile reads the metadata of the QuickTime or MP4 file at path.
func ReadFile(path string) (*Info, error) {
	f, err := fsutil.OpenRead(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	info, err := Read(f, st.Size())
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return info, nil
}

// Read reads the metadata of a QuickTime or MP4 file of size bytes. It reads
// box headers and the small metadata boxes only, seeking over media data,
// and checks every length against its parent and the file size, so no input
// makes it panic, loop or allocate more than a few MB. It returns an error
// only when the file is not QuickTime or ISO media at all (ErrNotQuickTime)
// or its first bytes cannot be read; a truncated or corrupt file gives what
// was read, with Warnings.
func Read(r io.ReaderAt, size int64) (*Info, error) {
	br := &blockReader{r: r}
	if err := sniff(br, size); err != nil {
		return nil, err
	}
	p := &parser{r: br, size: size, info: &Info{}}
	p.readFile()
	p.finish()
	return p.info, nil
}

// topLevel are the box types a QuickTime or ISO file may start with.
var topLevel = map[string]bool{
	"ftyp": true, "styp": true, "moov": true, "mdat": true, "free": true,
	"skip": true, "wide": true, "pnot": true, "uuid": true, "junk": true,
}

// sniff checks that the file starts with a box header of a known top-level
// type, so that Read never reports a WAV or JPEG as a damaged movie.
func sniff(r io.ReaderAt, size int64) error {
	if size < 8 {
		return ErrNotQuickTime
	}
	var h [8]byte
	if n, err := r.ReadAt(h[:], 0); n < len(h) {
		if err == nil || errors.Is(err, io.EOF) {
			return ErrNotQuickTime
		}
		return fmt.Errorf("read first box: %w", err)
	}
	n := be32(h[:4])
	if !topLevel[string(h[4:8])] || (n > 1 && n < 8) {
		return ErrNotQuickTime
	}
	return nil
}

// parser holds the state of one Read; nothing outlives it.
type parser struct {
	r          *blockReader
	size       int64
	info       *Info
	boxes      int  // headers read, against maxBoxes
	overBudget bool // the maxBoxes warning was given
	moov       bool
	movieScale uint32
	fragDur    uint64 // mehd fragment duration, in movieScale units
	tracks     []*track
	trex       map[uint32]uint32 // track ID -> default sample duration (mvex)
	itunes     []byte            // iTunes ilst items, for the tag reader
	scratch    [16]byte          // for header-sized reads, which would otherwise each allocate
}

func (p *parser) warnf(format string, args ...any) {
	if len(p.info.Warnings) < maxWarnings {
		p.info.Warnings = append(p.info.Warnings, fmt.Sprintf(format, args...))
	}
}
