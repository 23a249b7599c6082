package qt

import (
	"bytes"
	"encoding/binary"
	"fmt"

	"github.com/dhowden/tag"
)

// itunesItems collects the items of an iTunes-style ilst for the tag
// reader, leaving out large ones (cover art) so that what it is handed stays
// small whatever the file holds.
func (p *parser) itunesItems(ilst box, depth int) {
	p.each(ilst, ilst.start(), depth, func(c box, _ int) {
		if c.size > maxItem || int64(len(p.itunes))+c.size > maxTagBytes {
			return
		}
		buf := make([]byte, c.size)
		if err := p.readAt(buf, c.off); err != nil {
			p.warnf("%v: %v", c, err)
			return
		}
		p.itunes = append(p.itunes, buf...)
	})
}

// tagNames maps iTunes atom names, as the tag reader keys them, to ours.
var tagNames = []struct{ atom, name string }{
	{"\xa9nam", "title"},
	{"\xa9ART", "artist"},
	{"\xa9art", "artist"},
	{"\xa9alb", "album"},
	{"aART", "album_artist"},
	{"\xa9wrt", "composer"},
	{"\xa9gen", "genre"},
	{"\xa9cmt", "comment"},
	{"\xa9day", "year"},
	{"\xa9too", "encoder"},
}

// readTags runs github.com/dhowden/tag over the collected items, wrapped
// as the moov/udta/meta/ilst tree it expects. That reader trusts its input
// (type assertions, unchecked sizes), so it only ever sees these bounded
// bytes, and a panic inside it becomes a warning.
func readTags(items []byte) (tags map[string]string, err error) {
	defer func() {
		if r := recover(); r != nil {
			tags, err = nil, fmt.Errorf("tag reader failed: %v", r)
		}
	}()
	ilst := wrapBox("ilst", items)
	meta := wrapBox("meta", append(make([]byte, 4), ilst...)) // ISO shape: version and flags
	m, err := tag.ReadAtoms(bytes.NewReader(wrapBox("moov", wrapBox("udta", meta))))
	if m == nil {
		return nil, err
	}
	raw := m.Raw()
	for _, n := range tagNames {
		s, ok := raw[n.atom].(string)
		if !ok || s == "" {
			continue
		}
		if tags == nil {
			tags = map[string]string{}
		}
		if n.name == "year" && len(s) > 4 {
			s = s[:4] // ©day may hold a whole date
		}
		if _, dup := tags[n.name]; !dup {
			tags[n.name] = cleanText([]byte(s), 0x7FFF)
		}
	}
	return tags, err
}

func wrapBox(typ string, body []byte) []byte {
	b := make([]byte, 8, 8+len(body))
	binary.BigEndian.PutUint32(b, uint32(8+len(body)))
	copy(b[4:], typ)
	return append(b, body...)
}
