package bwf

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// Bounds on what one file can make the parser do or allocate.
const (
	maxChunks    = 1 << 14      // chunk headers visited per file
	maxWarnings  = 32           // warnings kept per file
	maxIXML      = 4 << 20      // iXML bytes read; larger chunks are skipped
	maxBext      = 602 + 64<<10 // bext fixed part plus coding history
	maxDS64Table = 64           // ds64 table entries read
	sizeUnknown  = uint32(0xFFFFFFFF)
)

// parser holds the state of one Read. It is not shared between goroutines.
type parser struct {
	r    io.ReaderAt
	size int64
	info *Info

	rf64     bool
	riffEnd  int64             // where the RIFF header says the file ends, if inside it
	ds64     map[string]uint64 // 64-bit sizes by chunk id (RF64)
	seen     map[string]int64  // offset of the first chunk of each id read
	byteRate int64
	ixml     *ixmlDoc
}

// warnf records a warning, keeping at most maxWarnings so that a file made
// of garbage cannot make the list grow without bound.
func (p *parser) warnf(format string, args ...any) {
	switch n := len(p.info.Warnings); {
	case n < maxWarnings:
		p.info.Warnings = append(p.info.Warnings, fmt.Sprintf(format, args...))
	case n == maxWarnings:
		p.info.Warnings = append(p.info.Warnings, "further warnings omitted")
	}
}

// readAt reads up to n bytes at off. A short read at the end of the file is
// not an error: the caller sees fewer bytes. Other read errors are returned.
func (p *parser) readAt(off int64, n int) ([]byte, error) {
	if off < 0 || off >= p.size || n <= 0 {
		return nil, nil
	}
	if rest := p.size - off; int64(n) > rest {
		n = int(rest)
	}
	buf := make([]byte, n)
	got, err := p.r.ReadAt(buf, off)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, fmt.Errorf("read at offset %d: %w", off, err)
	}
	return buf[:got], nil
}

// header checks the 12-byte RIFF header.
func (p *parser) header() error {
	b, err := p.readAt(0, 12)
	if err != nil {
		return err
	}
	if len(b) < 12 {
		return fmt.Errorf("%w: %d bytes is too short for a header", ErrNotWAVE, len(b))
	}
	magic, form := string(b[:4]), string(b[8:12])
	switch {
	case magic != "RIFF" && magic != "RF64" && magic != "BW64":
		return fmt.Errorf("%w: header says %q", ErrNotWAVE, magic)
	case form != "WAVE":
		return fmt.Errorf("%w: %s form is %q", ErrNotWAVE, magic, form)
	}
	p.info.Container = magic
	p.rf64 = magic != "RIFF"
	p.seen = map[string]int64{}
	riff := binary.LittleEndian.Uint32(b[4:8])
	p.riffEnd = p.size
	if !p.rf64 || riff != sizeUnknown {
		p.checkRIFFSize(uint64(riff))
	}
	return nil
}

// checkRIFFSize warns when the header promises more bytes than the file
// holds: the usual sign of a copy cut short or a recording never closed.
func (p *parser) checkRIFFSize(riff uint64) {
	if riff > uint64(p.size) || riff+8 > uint64(p.size) {
		p.warnf("file is truncated: RIFF header says %d bytes follow it, file has %d in all", riff, p.size)
		return
	}
	p.riffEnd = int64(riff) + 8
}

// walk visits every chunk header from offset 12 to the end of the file. The
// declared RIFF size is not trusted as the end: recorders that lost power
// leave it stale. Each step moves at least 7 bytes forward (a missing pad
// byte steps back one), so the walk ends on any input.
func (p *parser) walk() error {
	off, prevOdd := int64(12), false
	for n := 0; off+8 <= p.size; n++ {
		if n == maxChunks {
			p.warnf("more than %d chunks; stopped at offset %d", maxChunks, off)
			return nil
		}
		hdr, err := p.readAt(off, 8)
		if err != nil {
			return fmt.Errorf("chunk header: %w", err)
		}
		if len(hdr) < 8 {
			p.warnf("file ends inside the chunk header at offset %d", off)
			return nil
		}
		if prevOdd && p.missingPad(off, hdr) {
			off, prevOdd = off-1, false
			continue
		}
		if !validID(hdr[:4]) {
			if off >= p.riffEnd {
				return nil // bytes after the RIFF form (an appended tag) are not chunks
			}
			p.warnf("offset %d: %q is not a chunk id; stopped reading chunks", off, hdr[:4])
			return nil
		}
		next, odd, err := p.chunk(string(hdr[:4]), off, binary.LittleEndian.Uint32(hdr[4:8]))
		if err != nil || next < 0 {
			return err
		}
		off, prevOdd = next, odd
	}
	return nil
}

// validID accepts the printable ASCII ids RIFF uses ("fmt ", "iXML").
func validID(id []byte) bool {
	for _, c := range id {
		if c < 0x20 || c > 0x7e {
			return false
		}
	}
	return true
}

// missingPad reports whether the chunk after an odd-sized one starts one
// byte early because its writer omitted the pad byte. It says so only when
// the pad byte is not zero, the header where the pad should have been is no
// chunk (a bad id, or a size past the end of the file), and one byte earlier
// there is a plausible chunk that fits.
func (p *parser) missingPad(off int64, hdr []byte) bool {
	b, err := p.readAt(off-1, 8)
	if err != nil || len(b) < 8 || b[0] == 0 || !plausibleID(b[:4]) {
		return false
	}
	if validID(hdr[:4]) && p.fits(off, binary.LittleEndian.Uint32(hdr[4:8])) {
		return false
	}
	if !p.fits(off-1, binary.LittleEndian.Uint32(b[4:8])) {
		return false
	}
	p.warnf("chunk before offset %d lacks its pad byte; reading %q at offset %d", off, b[:4], off-1)
	return true
}

// fits reports whether a chunk of size at off ends inside the file.
func (p *parser) fits(off int64, size uint32) bool {
	return uint64(size) <= uint64(p.size-off-8)
}

// plausibleID accepts the ids real writers use: letters, digits, spaces.
func plausibleID(id []byte) bool {
	for _, c := range id {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == ' ') {
			return false
		}
	}
	return true
}

// chunk reads one chunk and returns the offset of the next one, or -1 when
// the walk must stop (the chunk runs past the end of the file).
func (p *parser) chunk(id string, off int64, sz32 uint32) (next int64, odd bool, err error) {
	body := off + 8
	remaining := uint64(p.size - body)
	size := p.chunkSize(id, off, sz32, remaining)
	if id == "data" && size == 0 && p.unclosed(off, remaining) {
		size = remaining
	}
	avail := size
	if size > remaining {
		p.warnf("%s chunk at offset %d claims %d bytes, only %d remain in the file", id, off, size, remaining)
		avail = remaining
	}
	if err := p.dispatch(id, off, size, int64(avail)); err != nil {
		return -1, false, fmt.Errorf("%s chunk at offset %d: %w", id, off, err)
	}
	if size > remaining {
		return -1, false, nil
	}
	return body + int64(size) + int64(size&1), size&1 == 1, nil
}

// chunkSize resolves a chunk's size: 0xFFFFFFFF means "see ds64" in RF64
// and "unknown, to the end" for a data chunk written by a streaming encoder.
func (p *parser) chunkSize(id string, off int64, sz32 uint32, remaining uint64) uint64 {
	if sz32 != sizeUnknown {
		return uint64(sz32)
	}
	if s, ok := p.ds64[id]; ok && p.rf64 {
		return s
	}
	if id == "data" {
		p.warnf("data chunk at offset %d has no size; taking it to the end of the file", off)
		return remaining
	}
	return uint64(sz32)
}

// unclosed reports a data chunk of size 0 followed by bytes that are no
// chunk: a recording whose header was never finalised (power lost, card
// pulled). Its audio runs to the end of the file.
func (p *parser) unclosed(off int64, remaining uint64) bool {
	if remaining < 8 {
		return false
	}
	next, err := p.readAt(off+8, 8)
	if err != nil || len(next) < 8 {
		return false
	}
	if validID(next[:4]) && p.fits(off+8, binary.LittleEndian.Uint32(next[4:8])) {
		return false
	}
	p.warnf("data chunk at offset %d says 0 bytes but audio follows; taking it to the end of the file", off)
	return true
}

// dispatch hands the chunks rushes reads to their parsers; everything else
// (JUNK, PAD , FLLR, LIST, peak envelopes, unknown ids) is skipped unread.
// avail is the part of the chunk's size that lies inside the file.
func (p *parser) dispatch(id string, off int64, size uint64, avail int64) error {
	switch id {
	case "ds64", "fmt ", "data", "bext", "iXML":
	default:
		return nil
	}
	if first, dup := p.seen[id]; dup {
		p.warnf("second %s chunk at offset %d ignored (first at offset %d)", id, off, first)
		return nil
	}
	p.seen[id] = off
	switch id {
	case "ds64":
		return p.readDS64(off, avail)
	case "fmt ":
		return p.readFmt(off, avail)
	case "data":
		p.info.DataBytes = avail
		return nil
	case "bext":
		return p.readBext(off, avail)
	default:
		return p.readIXML(off, size, avail)
	}
}
