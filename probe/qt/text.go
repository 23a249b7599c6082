package qt

import (
	"strings"
	"time"
	"unicode/utf8"
)

// fourCC renders a box type or format code as text: ASCII as is, the high
// half as Latin-1 (so 0xA9 is ©, as in ©day), control bytes as '.'. An
// all-zero code means "not specified" and renders as "".
func fourCC(s string) string {
	if s == "\x00\x00\x00\x00" {
		return ""
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 0x20 && c < 0x7F, c >= 0xA0:
			b.WriteRune(rune(c))
		default:
			b.WriteByte('.')
		}
	}
	return b.String()
}

// macLanguageLimit: QuickTime language codes below it are Macintosh
// language codes, whose text is in a Mac script; above, packed ISO 639
// codes, whose text is UTF-8.
const macLanguageLimit = 0x400

// cleanText turns a text field into a Go string: cut at the first NUL,
// trimmed, and decoded as Mac Roman when it is not UTF-8 and its language
// code is a Macintosh one (QuickTime.mov's ©alb is "\x8clbum", ålbum).
func cleanText(b []byte, lang uint16) string {
	if i := strings.IndexByte(string(b), 0); i >= 0 {
		b = b[:i]
	}
	var s string
	switch {
	case utf8.Valid(b):
		s = string(b)
	case lang < macLanguageLimit:
		s = macRoman(b)
	default:
		s = strings.ToValidUTF8(string(b), "\uFFFD")
	}
	return strings.TrimSpace(s)
}

func macRoman(b []byte) string {
	var sb strings.Builder
	for _, c := range b {
		if c < 0x80 {
			sb.WriteByte(c)
		} else {
			sb.WriteRune(macRomanHigh[c-0x80])
		}
	}
	return sb.String()
}

// localLayouts are the forms Apple and others write a local time with its
// offset in: 2018-04-26T10:04:37+0900, ...+09:00, ...Z. Fractional seconds
// are accepted by time.Parse after the seconds field.
var localLayouts = []string{
	"2006-01-02T15:04:05-0700",
	"2006-01-02T15:04:05Z07:00",
	"2006-01-02 15:04:05-0700",
	"2006-01-02 15:04:05Z07:00",
}

// parseLocalTime reads a date-time that carries its UTC offset, keeping
// that offset as the zone; false when there is no offset.
func parseLocalTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, l := range localLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

var macRomanHigh = [128]rune{
	0x00C4, 0x00C5, 0x00C7, 0x00C9, 0x00D1, 0x00D6, 0x00DC, 0x00E1,
	0x00E0, 0x00E2, 0x00E4, 0x00E3, 0x00E5, 0x00E7, 0x00E9, 0x00E8,
	0x00EA, 0x00EB, 0x00ED, 0x00EC, 0x00EE, 0x00EF, 0x00F1, 0x00F3,
	0x00F2, 0x00F4, 0x00F6, 0x00F5, 0x00FA, 0x00F9, 0x00FB, 0x00FC,
	0x2020, 0x00B0, 0x00A2, 0x00A3, 0x00A7, 0x2022, 0x00B6, 0x00DF,
	0x00AE, 0x00A9, 0x2122, 0x00B4, 0x00A8, 0x2260, 0x00C6, 0x00D8,
	0x221E, 0x00B1, 0x2264, 0x2265, 0x00A5, 0x00B5, 0x2202, 0x2211,
	0x220F, 0x03C0, 0x222B, 0x00AA, 0x00BA, 0x03A9, 0x00E6, 0x00F8,
	0x00BF, 0x00A1, 0x00AC, 0x221A, 0x0192, 0x2248, 0x2206, 0x00AB,
	0x00BB, 0x2026, 0x00A0, 0x00C0, 0x00C3, 0x00D5, 0x0152, 0x0153,
	0x2013, 0x2014, 0x201C, 0x201D, 0x2018, 0x2019, 0x00F7, 0x25CA,
	0x00FF, 0x0178, 0x2044, 0x20AC, 0x2039, 0x203A, 0xFB01, 0xFB02,
	0x2021, 0x00B7, 0x201A, 0x201E, 0x2030, 0x00C2, 0x00CA, 0x00C1,
	0x00CB, 0x00C8, 0x00CD, 0x00CE, 0x00CF, 0x00CC, 0x00D3, 0x00D4,
	0xF8FF, 0x00D2, 0x00DA, 0x00DB, 0x00D9, 0x0131, 0x02C6, 0x02DC,
	0x00AF, 0x02D8, 0x02D9, 0x02DA, 0x00B8, 0x02DD, 0x02DB, 0x02C7,
}
