package qt

import (
	"math"
	"strconv"
	"unicode/utf16"
)

// meta reads both shapes of the box: QuickTime's, whose children start
// right after the header, and ISO's, a full box with 4 bytes of version and
// flags first. hdlr is always the first child, so where it sits tells them
// apart.
func (p *parser) meta(b box, depth int) {
	start := b.start()
	if b.len() >= 12 {
		if h, err := p.small(12, start); err == nil {
			switch {
			case string(h[4:8]) == "hdlr": // QuickTime: hdlr starts the body
			case string(h[8:12]) == "hdlr", be32(h) == 0: // ISO: version and flags first
				start += 4
			}
		}
	}
	var handler string
	var keys []string
	var ilst box
	p.each(b, start, depth, func(c box, _ int) {
		switch c.typ {
		case "hdlr":
			if d := p.body(c, 12); len(d) == 12 {
				handler = string(d[8:12])
			}
		case "keys":
			keys = p.keys(c)
		case "ilst":
			ilst = c // keys may follow it
		}
	})
	if ilst.size == 0 {
		return
	}
	switch handler {
	case "mdta":
		p.mdtaItems(ilst, depth+1, keys)
	case "mdir", "":
		p.itunesItems(ilst, depth+1)
	}
}

// keys reads the key names of Apple metadata, indexed from 1 by ilst.
func (p *parser) keys(b box) []string {
	d := p.body(b, maxTable)
	if len(d) < 8 {
		p.warnf("%v: too short", b)
		return nil
	}
	var keys []string
	n, rest := be32(d[4:]), d[8:]
	for i := uint32(0); i < n && len(rest) >= 8; i++ {
		size := be32(rest)
		if size < 8 || uint64(size) > uint64(len(rest)) {
			p.warnf("%v: key %d claims %d bytes", b, i+1, size)
			break
		}
		keys = append(keys, string(rest[8:size])) // after size and namespace
		rest = rest[size:]
	}
	return keys
}

// mdtaItems reads Apple metadata values: each ilst child is typed by the
// 1-based index of its key and holds a data box.
func (p *parser) mdtaItems(ilst box, depth int, keys []string) {
	p.each(ilst, ilst.start(), depth, func(c box, depth int) {
		i := int64(be32([]byte(c.typ)))
		if i < 1 || i > int64(len(keys)) {
			p.warnf("%v: no key %d", c, i)
			return
		}
		if v, ok := p.dataValue(c, depth); ok {
			if p.info.Keys == nil {
				p.info.Keys = map[string]string{}
			}
			p.info.Keys[cleanText([]byte(keys[i-1]), 0)] = v
		}
	})
}

// dataValue decodes the first data box of an item as text.
func (p *parser) dataValue(item box, depth int) (v string, ok bool) {
	p.each(item, item.start(), depth, func(c box, _ int) {
		if c.typ != "data" || ok {
			return
		}
		if c.len() > maxItem {
			p.warnf("%v: %d-byte value skipped", c, c.len())
			return
		}
		if d := p.body(c, maxItem); len(d) >= 8 {
			v, ok = decodeData(be32(d)&0xFFFFFF, d[8:]) // after type and locale
		}
	})
	return v, ok
}

// Well-known data types of QuickTime metadata values.
const (
	dataUTF8    = 1
	dataUTF16   = 2
	dataInt     = 21
	dataUint    = 22
	dataFloat32 = 23
	dataFloat64 = 24
)

func decodeData(typ uint32, v []byte) (string, bool) {
	switch {
	case typ == dataUTF8:
		return cleanText(v, 0x7FFF), true
	case typ == dataUTF16 && len(v)%2 == 0:
		u := make([]uint16, len(v)/2)
		for i := range u {
			u[i] = be16(v[2*i:])
		}
		return cleanText([]byte(string(utf16.Decode(u))), 0x7FFF), true
	case (typ == dataInt || typ == dataUint) && len(v) >= 1 && len(v) <= 8:
		var n uint64
		for _, c := range v {
			n = n<<8 | uint64(c)
		}
		if typ == dataInt {
			shift := 64 - 8*len(v) // sign-extend from the value's width
			return strconv.FormatInt(int64(n<<shift)>>shift, 10), true
		}
		return strconv.FormatUint(n, 10), true
	case typ == dataFloat32 && len(v) == 4:
		return strconv.FormatFloat(float64(math.Float32frombits(be32(v))), 'g', -1, 32), true
	case typ == dataFloat64 && len(v) == 8:
		return strconv.FormatFloat(math.Float64frombits(be64(v)), 'g', -1, 64), true
	}
	return "", false
}
