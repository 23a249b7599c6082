package qt

import (
	"github.com/rushes/rushes/media"
)

// tmcd sample description flags.
const (
	tmcdDropFrame = 0x1
	tmcdNegative  = 0x4
)

// Offsets in a tmcd sample description entry.
const (
	tmcdFlags      = 20
	tmcdTimescale  = 24
	tmcdFrameDur   = 28
	tmcdExtensions = 34 // after the frame count byte and a reserved byte
)

type tmcdEntry struct {
	flags uint32
	rate  media.Rate
	reel  string
}

// timecodeEntry decodes a tmcd sample description. The rate is timescale ÷
// frame duration: the frame-count byte is unreliable (GoPro writes 29 for
// 29.97), so it is not read.
func (t *track) timecodeEntry() {
	e := t.entry
	if len(e) < tmcdExtensions {
		return
	}
	tc := &tmcdEntry{
		flags: be32(e[tmcdFlags:]),
		rate:  exactRate(uint64(be32(e[tmcdTimescale:])), uint64(be32(e[tmcdFrameDur:]))),
	}
	eachIn(e[tmcdExtensions:], func(typ string, body []byte) {
		if typ == "name" && tc.reel == "" {
			tc.reel = udtaString(body)
		}
	})
	t.tmcd, t.Rate = tc, tc.rate
}

// startTimecode reads the track's first sample, a frame count (big-endian
// u32, signed when the negative flag is set) at the first chunk's offset.
func (p *parser) startTimecode(t *track) *media.Timecode {
	tc := t.tmcd
	if tc == nil || tc.rate.IsZero() {
		return nil
	}
	if t.firstChunk < 0 {
		p.warnf("timecode track %d: no chunk offset, start timecode unknown", t.ID)
		return nil
	}
	if t.firstChunk > p.size-4 {
		p.warnf("timecode track %d: start frame at %d lies past the end of the file (%d bytes)", t.ID, t.firstChunk, p.size)
		return nil
	}
	b, err := p.small(4, t.firstChunk)
	if err != nil {
		p.warnf("timecode track %d: start frame at %d: %v", t.ID, t.firstChunk, err)
		return nil
	}
	frames := int64(be32(b))
	if tc.flags&tmcdNegative != 0 {
		frames = int64(int32(be32(b)))
	}
	return &media.Timecode{Frames: frames, Rate: tc.rate, Drop: tc.flags&tmcdDropFrame != 0}
}
