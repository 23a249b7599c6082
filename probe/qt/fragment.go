package qt

import "math/bits"

// tfhd and trun flags (ISO/IEC 14496-12 8.8.7, 8.8.8).
const (
	tfhdBaseOffset      = 0x01
	tfhdDescIndex       = 0x02
	tfhdDefaultDuration = 0x08
	trunDataOffset      = 0x001
	trunFirstFlags      = 0x004
	trunDuration        = 0x100
	trunPerSample       = 0xF00 // duration, size, flags, composition offset: 4 bytes each
)

// mvex carries the defaults fragments fall back on, and mehd the whole
// fragmented duration when the writer knew it.
func (p *parser) mvex(b box, depth int) {
	p.each(b, b.start(), depth, func(c box, _ int) {
		d := p.body(c, 16)
		switch {
		case c.typ == "trex" && len(d) >= 16:
			if p.trex == nil {
				p.trex = map[uint32]uint32{}
			}
			if len(p.trex) < maxTracks {
				p.trex[be32(d[4:])] = be32(d[12:])
			}
		case c.typ == "mehd" && len(d) >= 12 && d[0] == 1:
			p.fragDur = be64(d[4:])
		case c.typ == "mehd" && len(d) >= 8:
			p.fragDur = uint64(be32(d[4:]))
		}
	})
}

// moof: each track fragment adds its sample durations to its track, for the
// frame rate and duration of files whose stts is empty.
func (p *parser) moof(b box, depth int) {
	p.each(b, b.start(), depth, func(c box, depth int) {
		if c.typ != "traf" {
			return
		}
		var t *track
		var def uint32
		p.each(c, c.start(), depth, func(f box, _ int) {
			switch f.typ {
			case "tfhd":
				t, def = p.tfhd(f)
			case "trun":
				if t != nil {
					p.trun(f, t, def)
				}
			}
		})
	})
}

// tfhd names the fragment's track and may override its default duration.
func (p *parser) tfhd(b box) (*track, uint32) {
	d := p.body(b, 32)
	if len(d) < 8 {
		p.warnf("%v: too short", b)
		return nil, 0
	}
	flags, id := be32(d)&0xFFFFFF, be32(d[4:])
	var t *track
	for _, tr := range p.tracks {
		if tr.ID == id {
			t = tr
		}
	}
	if t == nil {
		return nil, 0
	}
	def := p.trex[id]
	at := 8
	if flags&tfhdBaseOffset != 0 {
		at += 8
	}
	if flags&tfhdDescIndex != 0 {
		at += 4
	}
	if flags&tfhdDefaultDuration != 0 && len(d) >= at+4 {
		def = be32(d[at:])
	}
	return t, def
}

// trun lists samples; each has a duration of its own or the default.
func (p *parser) trun(b box, t *track, def uint32) {
	d := p.body(b, maxTable)
	if len(d) < 8 {
		p.warnf("%v: too short", b)
		return
	}
	flags, count := be32(d)&0xFFFFFF, uint64(be32(d[4:]))
	at := 8
	if flags&trunDataOffset != 0 {
		at += 4
	}
	if flags&trunFirstFlags != 0 {
		at += 4
	}
	if flags&trunDuration == 0 {
		t.frag.add(count, def)
		return
	}
	stride := 4 * bits.OnesCount32(flags&trunPerSample)
	n := min(count, uint64(max(len(d)-at, 0)/stride))
	for i := uint64(0); i < n; i++ {
		t.frag.add(1, be32(d[at+int(i)*stride:]))
	}
}
