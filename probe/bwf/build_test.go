package bwf

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strings"
)

// wavBuilder assembles WAV files chunk by chunk for tests, including the
// malformed ones a real reader meets: lying sizes, missing pad bytes.
type wavBuilder struct {
	magic string // RIFF, RF64
	riff  uint32 // 0: computed
	body  bytes.Buffer
}

func newWAV(magic string) *wavBuilder { return &wavBuilder{magic: magic} }

// chunk appends a well-formed chunk, padded to an even length.
func (w *wavBuilder) chunk(id string, data []byte) *wavBuilder {
	w.raw(id, uint32(len(data)), data)
	if len(data)%2 == 1 {
		w.body.WriteByte(0)
	}
	return w
}

// raw appends a chunk header with any size and the given data, no padding.
func (w *wavBuilder) raw(id string, size uint32, data []byte) *wavBuilder {
	w.body.WriteString(id)
	binary.Write(&w.body, binary.LittleEndian, size)
	w.body.Write(data)
	return w
}

func (w *wavBuilder) bytes() []byte {
	var out bytes.Buffer
	out.WriteString(w.magic)
	size := w.riff
	if size == 0 {
		size = uint32(4 + w.body.Len())
	}
	binary.Write(&out, binary.LittleEndian, size)
	out.WriteString("WAVE")
	out.Write(w.body.Bytes())
	return out.Bytes()
}

// fmtPCM is a PCM fmt chunk body.
func fmtPCM(channels, rate, bits int) []byte {
	b := make([]byte, 16)
	align := channels * ((bits + 7) / 8)
	binary.LittleEndian.PutUint16(b[0:], formatPCM)
	binary.LittleEndian.PutUint16(b[2:], uint16(channels))
	binary.LittleEndian.PutUint32(b[4:], uint32(rate))
	binary.LittleEndian.PutUint32(b[8:], uint32(rate*align))
	binary.LittleEndian.PutUint16(b[12:], uint16(align))
	binary.LittleEndian.PutUint16(b[14:], uint16(bits))
	return b
}

// bextBody is a bext chunk body with the fields tests set.
type bextBody struct {
	description, originator, ref, date, time, history string
	timeRef                                           uint64
}

func (b bextBody) bytes() []byte {
	out := make([]byte, bextFixed)
	copy(out[0:256], b.description)
	copy(out[bextOriginator:bextOriginator+32], b.originator)
	copy(out[bextOriginatorRef:bextOriginatorRef+32], b.ref)
	copy(out[bextDate:bextDate+10], b.date)
	copy(out[bextTime:bextTime+8], b.time)
	binary.LittleEndian.PutUint64(out[bextTimeRef:], b.timeRef)
	binary.LittleEndian.PutUint16(out[bextTimeRef+8:], 1) // version
	return append(out, b.history...)
}

// ixmlText builds an iXML document from element paths and values, in order:
// "SPEED/TIMECODE_RATE" nests under SPEED. Consecutive paths sharing a
// parent share one element.
func ixmlText(kv ...string) []byte {
	var b strings.Builder
	b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<BWFXML>\n")
	open := ""
	for i := 0; i+1 < len(kv); i += 2 {
		parent, leaf, nested := strings.Cut(kv[i], "/")
		if !nested {
			parent, leaf = "", kv[i]
		}
		if parent != open {
			if open != "" {
				fmt.Fprintf(&b, "\t</%s>\n", open)
			}
			if parent != "" {
				fmt.Fprintf(&b, "\t<%s>\n", parent)
			}
			open = parent
		}
		fmt.Fprintf(&b, "\t<%s>%s</%s>\n", leaf, kv[i+1], leaf)
	}
	if open != "" {
		fmt.Fprintf(&b, "\t</%s>\n", open)
	}
	b.WriteString("</BWFXML>\n")
	return []byte(b.String())
}
