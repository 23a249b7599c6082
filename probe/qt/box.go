package qt

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// Limits on what a file can make the reader do. Real files stay far below
// them: a camera's moov nests about ten boxes deep and holds a few hundred.
const (
	maxDepth    = 16      // box nesting
	maxBoxes    = 200_000 // box headers read per file (a long fragmented file has two per fragment)
	maxTracks   = 256     // trak boxes kept
	maxTable    = 1 << 20 // bytes of one sample table (stts, trun) or keys box read
	maxEntry    = 4 << 10 // bytes of the first sample description kept per track
	maxItem     = 64 << 10
	maxTagBytes = 1 << 20 // iTunes items handed to the tag reader
	maxWarnings = 64
)

// box is one box header: its type, where it starts, and its size clamped to
// its parent.
type box struct {
	typ  string // the four type bytes, as they are
	off  int64  // offset of the header
	hdr  int64  // header length: 8, or 16 with a 64-bit size
	size int64  // header included
}

func (b box) start() int64 { return b.off + b.hdr }
func (b box) end() int64   { return b.off + b.size }
func (b box) len() int64   { return b.size - b.hdr }

func (b box) String() string {
	if b.typ == "" {
		return "file"
	}
	return fmt.Sprintf("%s at %d", fourCC(b.typ), b.off)
}

// fileBox stands for the whole file as the parent of the top-level boxes.
func (p *parser) fileBox() box { return box{size: p.size} }

// each calls fn for every box from start to the end of parent. It stops,
// with a warning, at a header that is cut short or corrupt, after maxBoxes
// headers, and it does not go deeper than maxDepth. A box claiming more
// bytes than its parent holds is clamped to the parent, so fn sees what is
// there.
func (p *parser) each(parent box, start int64, depth int, fn func(c box, depth int)) {
	if depth > maxDepth {
		p.warnf("%v: nested more than %d boxes deep, not read", parent, maxDepth)
		return
	}
	for off := start; off < parent.end(); {
		c, ok := p.header(parent, off)
		if !ok {
			return
		}
		fn(c, depth+1)
		off = c.end() // c.size >= 8, so the walk always moves on
	}
}

// header reads the box header at off inside parent.
func (p *parser) header(parent box, off int64) (box, bool) {
	if p.boxes >= maxBoxes {
		if !p.overBudget {
			p.overBudget = true
			p.warnf("more than %d boxes: stopped reading at %d", maxBoxes, off)
		}
		return box{}, false
	}
	left := parent.end() - off
	if left < 8 {
		p.trailing(parent, off, left)
		return box{}, false
	}
	h := p.scratch[:16]
	if err := p.readAt(h[:8], off); err != nil {
		p.warnf("box header at %d in %v: %v", off, parent, err)
		return box{}, false
	}
	p.boxes++
	b := box{typ: string(h[4:8]), off: off, hdr: 8}
	size := uint64(be32(h[:4]))
	switch size {
	case 0: // runs to the end of its parent: the file, at the top level
		size = uint64(left)
	case 1: // a 64-bit size follows the type
		if left < 16 {
			p.warnf("%v: 64-bit size cut short", b)
			return box{}, false
		}
		if err := p.readAt(h[8:16], off+8); err != nil {
			p.warnf("%v: 64-bit size: %v", b, err)
			return box{}, false
		}
		size, b.hdr = binary.BigEndian.Uint64(h[8:16]), 16
	}
	if size < uint64(b.hdr) {
		p.warnf("%v: size %d is smaller than its header, stopped reading %v", b, size, parent)
		return box{}, false
	}
	if size > uint64(left) {
		p.warnf("%v: claims %d bytes but %v has %d left: read as cut short", b, size, parent, left)
		size = uint64(left)
	}
	b.size = int64(size)
	return b, true
}

// trailing accepts the 32-bit zero that QuickTime allows at the end of an
// atom list, and warns about any other leftover bytes.
func (p *parser) trailing(parent box, off, left int64) {
	if left <= 0 {
		return
	}
	buf, err := p.small(left, off)
	if err != nil {
		p.warnf("%v: %d bytes at %d: %v", parent, left, off, err)
		return
	}
	for _, c := range buf {
		if c != 0 {
			p.warnf("%v: %d stray bytes at %d", parent, left, off)
			return
		}
	}
}

// body reads the body of b, at most limit bytes: callers parse what fits,
// so no length field can size an allocation.
func (p *parser) body(b box, limit int64) []byte {
	n := min(b.len(), limit)
	buf := make([]byte, n)
	if err := p.readAt(buf, b.start()); err != nil {
		p.warnf("%v: %v", b, err)
		return nil
	}
	return buf
}

// small reads n <= 16 bytes at off into the parser's scratch buffer; the
// result is valid until the next small read.
func (p *parser) small(n, off int64) ([]byte, error) {
	buf := p.scratch[:n]
	return buf, p.readAt(buf, off)
}

// readAt fills buf from off; a short read means the file ended early.
func (p *parser) readAt(buf []byte, off int64) error {
	n, err := p.r.ReadAt(buf, off)
	if n == len(buf) {
		return nil
	}
	if err == nil || errors.Is(err, io.EOF) {
		err = io.ErrUnexpectedEOF
	}
	return err
}

// eachIn walks the boxes packed in buf, a body already in memory (sample
// description extensions). It stops at the first malformed header.
func eachIn(buf []byte, fn func(typ string, body []byte)) {
	for len(buf) >= 8 {
		n := uint64(be32(buf))
		if n < 8 || n > uint64(len(buf)) {
			return
		}
		fn(string(buf[4:8]), buf[8:n])
		buf = buf[n:]
	}
}

// blockReader serves the many small reads of a box walk from one cached
// block, so that walking a moov costs a few system calls, not hundreds.
// A block never reaches past limit, the end of the box being walked, so
// the read-ahead never pulls in media data.
type blockReader struct {
	r     io.ReaderAt
	buf   []byte
	off   int64 // file offset of buf[0]
	limit int64
}

const blockSize = 32 << 10

func (b *blockReader) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 {
		return 0, errors.New("negative offset")
	}
	if len(p) > blockSize/4 {
		return b.r.ReadAt(p, off)
	}
	end := off + int64(len(p))
	if off >= b.off && end <= b.off+int64(len(b.buf)) {
		return copy(p, b.buf[off-b.off:]), nil
	}
	fill := int64(blockSize)
	if b.limit-off < fill {
		fill = max(b.limit-off, int64(len(p)))
	}
	if int64(cap(b.buf)) < fill { // grown on demand: most boxes walked are small
		b.buf = make([]byte, max(fill, min(2*int64(cap(b.buf)), blockSize)))
	}
	n, err := b.r.ReadAt(b.buf[:fill], off)
	b.buf, b.off = b.buf[:n], off
	if n < len(p) {
		if err == nil {
			err = io.EOF
		}
		return copy(p, b.buf), err
	}
	return copy(p, b.buf), nil
}

// within sets the read-ahead limit to the end of b while fn walks it.
func (p *parser) within(b box, fn func()) {
	saved := p.r.limit
	p.r.limit = b.end()
	fn()
	p.r.limit = saved
}

func be16(b []byte) uint16 { return binary.BigEndian.Uint16(b) }
func be32(b []byte) uint32 { return binary.BigEndian.Uint32(b) }
func be64(b []byte) uint64 { return binary.BigEndian.Uint64(b) }
