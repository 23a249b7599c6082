package bwf

import (
	"encoding/binary"
	"time"
)

// Format tags whose data is whole blocks of one sample frame each, so that
// the duration is bytes ÷ block align ÷ rate.
const (
	formatPCM        = 0x0001
	formatFloat      = 0x0003
	formatALaw       = 0x0006
	formatMuLaw      = 0x0007
	formatExtensible = 0xFFFE
)

// readFmt reads the fmt chunk: the 16 bytes every WAVE has, and for
// WAVE_FORMAT_EXTENSIBLE the sub-format GUID whose first two bytes are the
// real format tag.
func (p *parser) readFmt(off, avail int64) error {
	b, err := p.readAt(off+8, int(min(avail, 40)))
	if err != nil {
		return err
	}
	if len(b) < 16 {
		p.warnf("fmt chunk at offset %d is %d bytes, too short for a format", off, len(b))
		return nil
	}
	in := p.info
	in.Format = binary.LittleEndian.Uint16(b[0:2])
	in.Channels = int(binary.LittleEndian.Uint16(b[2:4]))
	in.SampleRate = int(binary.LittleEndian.Uint32(b[4:8]))
	p.byteRate = int64(binary.LittleEndian.Uint32(b[8:12]))
	in.BlockAlign = int(binary.LittleEndian.Uint16(b[12:14]))
	in.BitsPerSample = int(binary.LittleEndian.Uint16(b[14:16]))
	if in.Format == formatExtensible && len(b) >= 26 {
		in.Format = binary.LittleEndian.Uint16(b[24:26])
	}
	if in.SampleRate == 0 || in.Channels == 0 {
		p.warnf("fmt chunk at offset %d gives %d channels at %d Hz", off, in.Channels, in.SampleRate)
	}
	return nil
}

// timing fills Samples and Duration from the data size.
func (p *parser) timing() {
	in := p.info
	if _, ok := p.seen["fmt "]; !ok {
		if _, data := p.seen["data"]; data {
			p.warnf("no fmt chunk: duration unknown")
		}
		return
	}
	switch in.Format {
	case formatPCM, formatFloat, formatALaw, formatMuLaw:
		align := int64(in.BlockAlign)
		if align <= 0 {
			align = int64(in.Channels) * int64((in.BitsPerSample+7)/8)
		}
		if align <= 0 || in.SampleRate <= 0 {
			return
		}
		in.Samples = in.DataBytes / align
		in.Duration = durationOf(in.Samples, int64(in.SampleRate))
	default:
		// Compressed data: only the average byte rate says how long it is.
		if p.byteRate > 0 {
			in.Duration = durationOf(in.DataBytes, p.byteRate)
		}
	}
}

// durationOf returns n units at perSecond units a second, without the
// overflow of n*time.Second for long recordings.
func durationOf(n, perSecond int64) time.Duration {
	if n <= 0 || perSecond <= 0 {
		return 0
	}
	secs, rest := n/perSecond, n%perSecond
	if secs > int64(1<<63-1)/int64(time.Second)-1 {
		return time.Duration(1<<63 - 1)
	}
	return time.Duration(secs)*time.Second + time.Duration(rest*int64(time.Second)/perSecond)
}
