package qt

// track gathers one trak while it is read. Its sample description is kept
// raw and decoded once the whole trak is read, because how to decode it
// depends on the handler.
type track struct {
	Track
	tkhdW, tkhdH int
	entry        []byte // first stsd entry, at most maxEntry bytes
	mdhdUnits    uint64
	stts         deltas
	frag         deltas // sample durations from movie fragments
	firstChunk   int64  // offset of chunk 1, -1 when there is no chunk table
	lastChunk    int64
	tmcd         *tmcdEntry
}

func (p *parser) trak(b box, depth int) {
	if len(p.tracks) >= maxTracks {
		if len(p.tracks) == maxTracks {
			p.warnf("%v: more than %d tracks, the rest ignored", b, maxTracks)
		}
		return
	}
	t := &track{firstChunk: -1, lastChunk: -1}
	p.each(b, b.start(), depth, func(c box, depth int) {
		switch c.typ {
		case "tkhd":
			p.tkhd(c, t)
		case "mdia":
			p.mdia(c, depth, t)
		}
	})
	p.tracks = append(p.tracks, t)
}

// tkhd holds the track ID and the display size in 16.16 fixed point.
func (p *parser) tkhd(b box, t *track) {
	d := p.body(b, 96)
	switch {
	case len(d) >= 96 && d[0] == 1:
		t.ID = be32(d[20:])
		t.tkhdW, t.tkhdH = int(be32(d[88:])>>16), int(be32(d[92:])>>16)
	case len(d) >= 84 && d[0] == 0:
		t.ID = be32(d[12:])
		t.tkhdW, t.tkhdH = int(be32(d[76:])>>16), int(be32(d[80:])>>16)
	default:
		p.warnf("%v: too short or unknown version", b)
	}
}

func (p *parser) mdia(b box, depth int, t *track) {
	p.each(b, b.start(), depth, func(c box, depth int) {
		switch c.typ {
		case "mdhd":
			h, ok := readTimes(p.body(c, 32))
			if !ok {
				p.warnf("%v: too short or unknown version", c)
				return
			}
			t.Timescale, t.mdhdUnits = h.timescale, h.duration
		case "hdlr":
			// Only mdia's hdlr names the media; the one in minf names a data handler.
			if d := p.body(c, 12); len(d) == 12 {
				t.Handler = fourCC(string(d[8:12]))
			}
		case "minf":
			p.each(c, c.start(), depth, func(s box, depth int) {
				if s.typ == "stbl" {
					p.stbl(s, depth, t)
				}
			})
		}
	})
}

func (p *parser) stbl(b box, depth int, t *track) {
	p.each(b, b.start(), depth, func(c box, _ int) {
		switch c.typ {
		case "stsd":
			p.stsd(c, t)
		case "stts":
			p.readStts(c, t)
		case "stco":
			p.chunks(c, t, 4)
		case "co64":
			p.chunks(c, t, 8)
		}
	})
}

// stsd keeps the first sample description; a second one is rare and would
// only say the codec changed mid-track.
func (p *parser) stsd(b box, t *track) {
	d := p.body(b, 8+maxEntry)
	if len(d) < 8+16 {
		if len(d) >= 8 && be32(d[4:]) == 0 {
			return // no entries
		}
		p.warnf("%v: sample description too short", b)
		return
	}
	n := int64(be32(d[8:]))
	if n < 16 || n > b.len()-8 {
		p.warnf("%v: sample description claims %d bytes", b, n)
		n = min(max(n, 16), b.len()-8)
	}
	t.entry = d[8:min(8+n, int64(len(d)))]
	t.Codec = fourCC(string(d[12:16]))
}

// readStts tallies the time-to-sample table: (count, duration) pairs.
func (p *parser) readStts(b box, t *track) {
	d := p.body(b, maxTable)
	if len(d) < 8 {
		return
	}
	n := min(int64(be32(d[4:])), int64(len(d)-8)/8)
	for i := int64(0); i < n; i++ {
		e := d[8+8*i:]
		t.stts.add(uint64(be32(e)), be32(e[4:]))
	}
}

// chunks reads the first and last entries of stco or co64: the first is
// where a timecode track's sample lies, the last tells a file cut short.
func (p *parser) chunks(b box, t *track, width int64) {
	if b.len() < 8 {
		p.warnf("%v: chunk table too short", b)
		return
	}
	h, err := p.small(8, b.start())
	if err != nil {
		p.warnf("%v: %v", b, err)
		return
	}
	n := min(int64(be32(h[4:])), (b.len()-8)/width)
	if n <= 0 {
		return
	}
	t.firstChunk = p.chunkAt(b.start()+8, width)
	t.lastChunk = p.chunkAt(b.start()+8+(n-1)*width, width)
}

func (p *parser) chunkAt(off, width int64) int64 {
	e, err := p.small(width, off)
	if err != nil {
		return -1
	}
	if width == 4 {
		return int64(be32(e))
	}
	v := be64(e)
	if v > 1<<62 {
		return -1
	}
	return int64(v)
}
