package bwf

import (
	"strconv"

	"github.com/rushes/rushes/media"
)

// secondsPerDay bounds a time reference: samples since midnight past 24
// hours mean a damaged or unset field (timecode still wraps it).
const secondsPerDay = 24 * 60 * 60

// timecode computes the start timecode from the bext time reference, or
// from iXML's TIMESTAMP_SAMPLES_SINCE_MIDNIGHT when the file has no bext
// time reference. Where both exist and differ, bext wins with a warning.
func (p *parser) timecode() {
	in := p.info
	rate := in.SampleRate
	if samples, stampRate, ok := p.ixmlTimestamp(); ok {
		switch {
		case !in.HasTimeReference:
			in.TimeReference, in.HasTimeReference = samples, true
			if stampRate > 0 {
				rate = stampRate
			}
		case samples != in.TimeReference && (stampRate == 0 || stampRate == in.SampleRate):
			p.warnf("iXML timestamp %d samples disagrees with bext time reference %d; using bext", samples, in.TimeReference)
		}
	}
	if !in.HasTimeReference {
		return
	}
	if in.Rate.IsZero() {
		p.warnf("start timecode unknown: no frame rate in iXML SPEED or the bext description")
		return
	}
	if rate > 0 && in.TimeReference/uint64(rate) >= secondsPerDay {
		p.warnf("time reference %d samples is more than 24 hours at %d Hz", in.TimeReference, rate)
	}
	if tc, ok := media.TimecodeFromSamples(in.TimeReference, rate, in.Rate, in.Drop); ok {
		in.Timecode = &tc
	}
}

// ixmlTimestamp reads TIMESTAMP_SAMPLES_SINCE_MIDNIGHT_HI/LO (two 32-bit
// halves, written in decimal) and TIMESTAMP_SAMPLE_RATE.
func (p *parser) ixmlTimestamp() (samples uint64, rate int, ok bool) {
	if p.ixml == nil || p.ixml.Speed.SamplesLo == "" {
		return 0, 0, false
	}
	sp := p.ixml.Speed
	lo, err := strconv.ParseUint(sp.SamplesLo, 10, 32)
	if err != nil {
		p.warnf("iXML TIMESTAMP_SAMPLES_SINCE_MIDNIGHT_LO %q is not a 32-bit count", sp.SamplesLo)
		return 0, 0, false
	}
	var hi uint64
	if sp.SamplesHi != "" {
		if hi, err = strconv.ParseUint(sp.SamplesHi, 10, 32); err != nil {
			p.warnf("iXML TIMESTAMP_SAMPLES_SINCE_MIDNIGHT_HI %q is not a 32-bit count", sp.SamplesHi)
			return 0, 0, false
		}
	}
	return hi<<32 | lo, atoi(sp.TimestampSampleRate), true
}
