package bwf

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// bext field offsets (EBU Tech 3285 v2).
const (
	bextOriginator    = 256
	bextOriginatorRef = 288
	bextDate          = 320
	bextTime          = 330
	bextTimeRef       = 338
	bextFixed         = 602
)

// readBext reads the fixed 602 bytes and at most 64 KB of coding history.
// A short bext keeps the fields that fit.
func (p *parser) readBext(off, avail int64) error {
	b, err := p.readAt(off+8, int(min(avail, maxBext)))
	if err != nil {
		return err
	}
	in := p.info
	in.HasBext = true
	if len(b) < bextFixed {
		p.warnf("bext chunk at offset %d is %d bytes, short of the 602 the format fixes", off, len(b))
	}
	in.Description = text(field(b, 0, 256))
	in.Originator = strings.TrimSpace(text(field(b, bextOriginator, 32)))
	in.OriginatorRef = strings.TrimSpace(text(field(b, bextOriginatorRef, 32)))
	if len(b) >= bextTimeRef+8 {
		in.TimeReference = binary.LittleEndian.Uint64(b[bextTimeRef:])
		in.HasTimeReference = true
	}
	if len(b) > bextFixed {
		in.CodingHistory = text(b[bextFixed:])
	}
	date, clock := text(field(b, bextDate, 10)), text(field(b, bextTime, 8))
	t, err := origination(date, clock)
	if err != nil {
		p.warnf("bext chunk at offset %d: origination %v", off, err)
	}
	in.Origination = t
	return nil
}

// field returns b[off:off+n], clipped to what b holds.
func field(b []byte, off, n int) []byte {
	if off >= len(b) {
		return nil
	}
	return b[off:min(off+n, len(b))]
}

// text decodes a NUL-padded text field. The spec says ASCII; European
// recorders write Latin-1, which is decoded as such rather than passed on as
// invalid UTF-8.
func text(b []byte) string {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		b = b[:i]
	}
	if utf8.Valid(b) {
		return string(b)
	}
	return latin1(b)
}

func latin1(b []byte) string {
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}

// origination parses bext OriginationDate (yyyy-mm-dd; recorders also write
// ':' '/' or '.' between the fields) and OriginationTime (hh:mm:ss with ':'
// '.' '-' '_' or ' '). The result is a wall-clock time in time.UTC standing
// for the recorder's unknown zone.
func origination(date, clock string) (time.Time, error) {
	if strings.TrimSpace(date) == "" {
		return time.Time{}, fmt.Errorf("date is empty")
	}
	y, mo, d, ok := triple(date, 4, "-:/.")
	if !ok || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || y < 1 {
		return time.Time{}, fmt.Errorf("date %q is not a valid yyyy-mm-dd", date)
	}
	h, mi, s, ok := triple(clock, 2, ":.-_ ")
	if !ok || h > 23 || mi > 59 || s > 59 {
		return time.Time{}, fmt.Errorf("time %q is not a valid hh:mm:ss", clock)
	}
	return time.Date(y, time.Month(mo), d, h, mi, s, 0, time.UTC), nil
}

// triple splits "AAAA-BB-CC" (first field firstLen digits, then two of two
// digits) on any one of seps.
func triple(s string, firstLen int, seps string) (a, b, c int, ok bool) {
	if len(s) != firstLen+6 {
		return 0, 0, 0, false
	}
	sep1, sep2 := s[firstLen], s[firstLen+3]
	if !strings.ContainsRune(seps, rune(sep1)) || !strings.ContainsRune(seps, rune(sep2)) {
		return 0, 0, 0, false
	}
	a, ok1 := digits(s[:firstLen])
	b, ok2 := digits(s[firstLen+1 : firstLen+3])
	c, ok3 := digits(s[firstLen+4:])
	return a, b, c, ok1 && ok2 && ok3
}

func digits(s string) (int, bool) {
	n := 0
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, s != ""
}

func daysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
