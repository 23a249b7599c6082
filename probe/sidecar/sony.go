package sidecar

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/rushes/rushes/fsutil"
	"github.com/rushes/rushes/media"
)

// DefaultLimit bounds the bytes read from one sidecar. Real ones are a few
// KB; anything over this is not a sidecar.
const DefaultLimit = 4 << 20

// Errors a caller may need to tell apart.
var (
	ErrNotSony  = errors.New("not a Sony NonRealTimeMeta document")
	ErrNotCanon = errors.New("not a Canon VideoClip document")
	ErrTooLarge = errors.New("sidecar larger than the read limit")
)

// sonyNamespace prefixes every NonRealTimeMeta version (ver.2.00 ... 2.20).
const sonyNamespace = "urn:schemas-professionalDisc:nonRealTimeMeta:"

// Sony is what a NonRealTimeMeta sidecar says about its clip. Zero values
// mean unknown.
type Sony struct {
	Namespace string // the document's namespace, with its version

	// CreationDate is the recording's local time with the offset the
	// camera wrote; LastUpdate is the root's lastUpdate attribute.
	CreationDate time.Time
	LastUpdate   time.Time

	DurationFrames int64 // <Duration value>, in frames at Rate
	Duration       time.Duration

	Codec       string     // VideoFrame videoCodec, e.g. "AVC_3840_2160_HP@L51"
	Rate        media.Rate // formatFps: the playback frame rate
	CaptureRate media.Rate // captureFps: differs from Rate in slow and quick motion
	Interlaced  bool       // formatFps ends in "i"; Rate is then the frame rate (59.94i = 29.97)
	Width       int        // VideoLayout pixel
	Height      int        // VideoLayout numOfVerticalLine
	AspectRatio string

	Manufacturer string
	Model        string
	Serial       string

	// Timecode is the clip's start timecode from the LtcChangeTable, at
	// the timecode rate (tcFps, made exact with Rate: 30 becomes 29.97
	// when the clip runs at 29.97).
	Timecode *media.Timecode
	TCFps    int  // LtcChangeTable tcFps
	HalfStep bool // LtcChangeTable halfStep: picture at twice tcFps

	UMID string // TargetMaterial umidRef

	Warnings []string
}

// ReadSonyFile reads the NonRealTimeMeta sidecar at path.
func ReadSonyFile(path string) (*Sony, error) {
	f, err := fsutil.OpenRead(path)
	if err != nil {
		return nil, fmt.Errorf("sidecar: %w", err)
	}
	defer f.Close()
	s, err := ReadSony(f, DefaultLimit)
	if err != nil {
		return nil, fmt.Errorf("sidecar %s: %w", path, err)
	}
	return s, nil
}

// ReadSony reads a NonRealTimeMeta document of at most limit bytes
// (DefaultLimit when limit <= 0). It returns ErrNotSony when the root
// element is not NonRealTimeMeta and ErrTooLarge past the limit; a document
// damaged after its root element returns what was read, with Warnings.
func ReadSony(r io.Reader, limit int64) (*Sony, error) {
	b, err := readLimited(r, limit)
	if err != nil {
		return nil, err
	}
	return parseSony(b)
}

// readLimited reads all of r, failing once it passes limit bytes.
func readLimited(r io.Reader, limit int64) ([]byte, error) {
	if limit <= 0 {
		limit = DefaultLimit
	}
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%w (%d bytes)", ErrTooLarge, limit)
	}
	return b, nil
}
