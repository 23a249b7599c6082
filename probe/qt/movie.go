package qt

import (
	"math"
	"time"
)

// readFile walks the top-level boxes. moov may come before or after mdat,
// and a fragmented file follows it with moof boxes, so the walk goes to the
// end of the file; mdat is only stepped over.
func (p *parser) readFile() {
	p.each(p.fileBox(), 0, 0, func(b box, depth int) {
		switch b.typ {
		case "ftyp":
			p.ftyp(b)
		case "moov":
			if p.moov {
				p.warnf("%v: a second moov, ignored", b)
				return
			}
			p.moov = true
			p.within(b, func() { p.readMoov(b, depth) })
		case "moof":
			p.info.Fragmented = true
			p.within(b, func() { p.moof(b, depth) })
		case "meta":
			p.within(b, func() { p.meta(b, depth) })
		}
	})
	if !p.moov {
		p.warnf("no moov box: the movie header is missing (recording not finalized, or file cut short)")
	}
}

func (p *parser) ftyp(b box) {
	if p.info.Brand != "" {
		return
	}
	if d := p.body(b, 4); len(d) == 4 {
		p.info.Brand = fourCC(string(d))
	}
}

func (p *parser) readMoov(b box, depth int) {
	p.each(b, b.start(), depth, func(c box, depth int) {
		switch c.typ {
		case "mvhd":
			p.mvhd(c)
		case "trak":
			p.trak(c, depth)
		case "udta":
			p.udta(c, depth)
		case "meta":
			p.meta(c, depth)
		case "mvex":
			p.info.Fragmented = true
			p.mvex(c, depth)
		}
	})
}

func (p *parser) mvhd(b box) {
	h, ok := readTimes(p.body(b, 32))
	if !ok {
		p.warnf("%v: too short or unknown version", b)
		return
	}
	p.movieScale = h.timescale
	p.info.Created = p.macTime(b, h.created)
	p.info.Duration = span(h.duration, h.timescale)
}

// times are the fields mvhd and mdhd share.
type times struct {
	created   uint64 // seconds since 1904-01-01 UTC
	timescale uint32
	duration  uint64 // in timescale units
}

// readTimes decodes the version 0 (32-bit) and version 1 (64-bit) layouts of
// mvhd and mdhd.
func readTimes(d []byte) (times, bool) {
	switch {
	case len(d) >= 32 && d[0] == 1:
		t := times{created: be64(d[4:]), timescale: be32(d[20:]), duration: be64(d[24:])}
		if t.duration == math.MaxUint64 { // "indefinite"
			t.duration = 0
		}
		return t, true
	case len(d) >= 20 && d[0] == 0:
		t := times{created: uint64(be32(d[4:])), timescale: be32(d[12:]), duration: uint64(be32(d[16:]))}
		if t.duration == math.MaxUint32 {
			t.duration = 0
		}
		return t, true
	}
	return times{}, false
}

// mac1904 is the QuickTime epoch, in Unix seconds.
const mac1904 = -2082844800

// maxMacSeconds keeps times before the year 2400: anything later is garbage.
const maxMacSeconds = 15_700_000_000

// macTime converts seconds since 1904 to UTC; 0 means the writer did not know.
func (p *parser) macTime(b box, secs uint64) time.Time {
	if secs == 0 || secs == -mac1904 { // -mac1904: a Unix-epoch writer's 0
		return time.Time{}
	}
	if secs > maxMacSeconds {
		p.warnf("%v: creation time %d is not a date", b, secs)
		return time.Time{}
	}
	return time.Unix(int64(secs)+mac1904, 0).UTC()
}

// span converts units of a timescale to a duration, exactly, and to 0 when
// the result would not fit (no real clip lasts 292 years).
func span(units uint64, timescale uint32) time.Duration {
	if timescale == 0 {
		return 0
	}
	ts := uint64(timescale)
	secs := units / ts
	if secs >= math.MaxInt64/uint64(time.Second) {
		return 0
	}
	frac := units % ts * uint64(time.Second) / ts // < 2^32 * 2^30: no overflow
	return time.Duration(secs)*time.Second + time.Duration(frac)
}
