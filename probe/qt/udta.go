package qt

import (
	"encoding/hex"
	"strings"
)

// udta reads user data: QuickTime text atoms (type starting with ©), the
// GoPro atoms that hold text or the camera serial, and meta boxes.
func (p *parser) udta(b box, depth int) {
	p.each(b, b.start(), depth, func(c box, depth int) {
		switch {
		case c.typ == "meta":
			p.meta(c, depth)
		case c.typ[0] == 0xA9, c.typ == "FIRM", c.typ == "LENS":
			if c.len() > maxItem {
				return
			}
			if s := p.udtaText(c); s != "" {
				if p.info.UserData == nil {
					p.info.UserData = map[string]string{}
				}
				p.info.UserData[fourCC(c.typ)] = s
			}
		case c.typ == "CAME":
			p.goproSerial(c)
		}
	})
}

// udtaText reads a text atom in any of the shapes writers use: QuickTime's
// (u16 length, u16 language, text), an iTunes-style data box, or, for
// GoPro's FIRM and LENS, bare text.
func (p *parser) udtaText(b box) string {
	d := p.body(b, maxItem)
	if len(d) >= 16 && string(d[4:8]) == "data" {
		end := min(max(int64(be32(d)), 16), int64(len(d)))
		v, _ := decodeData(be32(d[8:])&0xFFFFFF, d[16:end]) // after type and locale
		return v
	}
	if b.typ[0] == 0xA9 {
		return udtaString(d)
	}
	return printable(d)
}

// udtaString decodes one QuickTime international text record; more records
// (other languages) may follow and are not read.
func udtaString(d []byte) string {
	if len(d) < 4 {
		return ""
	}
	n := min(int(be16(d)), len(d)-4)
	return cleanText(d[4:4+n], be16(d[2:]))
}

// printable returns d as text when it is text, else "".
func printable(d []byte) string {
	s := strings.TrimRight(string(d), "\x00 ")
	for _, r := range s {
		if r < 0x20 || r == 0x7F || r == 0xFFFD {
			return ""
		}
	}
	return s
}

// goproSerial: CAME holds 16 bytes identifying the camera (a hash of its
// serial on HERO5 and later), all zeros when the camera withheld it.
func (p *parser) goproSerial(b box) {
	d := p.body(b, 64)
	if s := printable(d); s != "" {
		p.info.Serial = s
		return
	}
	for _, c := range d {
		if c != 0 {
			p.info.Serial = hex.EncodeToString(d)
			return
		}
	}
}
