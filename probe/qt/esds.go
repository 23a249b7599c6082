package qt

// MPEG-4 descriptor tags used in esds (ISO/IEC 14496-1).
const (
	tagES             = 0x03
	tagDecoderConfig  = 0x04
	tagDecoderSpecInf = 0x05
)

// parseESDS reads sample rate and channel count from the AAC
// AudioSpecificConfig inside an esds body; zeros when it is not AAC or does
// not parse.
func parseESDS(b []byte) (rate, channels int) {
	if len(b) < 4 {
		return 0, 0
	}
	tag, es := descriptor(b[4:]) // after version and flags
	if tag != tagES || len(es) < 3 {
		return 0, 0
	}
	flags, es := es[2], es[3:] // after ES_ID
	if flags&0x80 != 0 {       // dependsOn_ES_ID
		es = skip(es, 2)
	}
	if flags&0x40 != 0 && len(es) > 0 { // URL
		es = skip(es, 1+int(es[0]))
	}
	if flags&0x20 != 0 { // OCR_ES_Id
		es = skip(es, 2)
	}
	tag, dc := descriptor(es)
	if tag != tagDecoderConfig || len(dc) < 13 {
		return 0, 0
	}
	if oti := dc[0]; oti != 0x40 && (oti < 0x66 || oti > 0x68) { // MPEG-4 or MPEG-2 AAC
		return 0, 0
	}
	tag, asc := descriptor(dc[13:])
	if tag != tagDecoderSpecInf {
		return 0, 0
	}
	return audioSpecificConfig(asc)
}

// descriptor reads the tag-length-value descriptor at the start of b; the
// length is 7 bits a byte, high bit set on all but the last, at most four
// bytes.
func descriptor(b []byte) (tag byte, body []byte) {
	if len(b) < 2 {
		return 0, nil
	}
	tag = b[0]
	n, i := 0, 1
	for {
		if i >= len(b) || i > 4 {
			return 0, nil
		}
		c := b[i]
		i++
		n = n<<7 | int(c&0x7f)
		if c&0x80 == 0 {
			break
		}
	}
	if n > len(b)-i {
		return 0, nil
	}
	return tag, b[i : i+n]
}

func skip(b []byte, n int) []byte {
	if n > len(b) {
		return nil
	}
	return b[n:]
}

var aacRates = [...]int{96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350}

// aacChannels maps channelConfiguration to a count; 0 means the layout is in
// a program config element the probe does not read.
var aacChannels = [16]int{0, 1, 2, 3, 4, 5, 6, 8, 0, 0, 0, 7, 8, 24, 8, 0}

// audioSpecificConfig reads the fields ISO/IEC 14496-3 puts first. For
// HE-AAC (SBR, and PS on top) the output rate is the extension rate, and PS
// makes stereo from a mono core.
func audioSpecificConfig(b []byte) (rate, channels int) {
	r := bitReader{b: b}
	aot := r.bits(5)
	if aot == 31 {
		aot = 32 + r.bits(6)
	}
	rate = r.rate()
	channels = aacChannels[r.bits(4)]
	if aot == 5 || aot == 29 {
		if ext := r.rate(); ext > 0 {
			rate = ext
		}
		if aot == 29 && channels == 1 {
			channels = 2
		}
	}
	if r.short {
		return 0, 0
	}
	return rate, channels
}

// bitReader reads big-endian bit fields; reading past the end sets short
// and yields zeros.
type bitReader struct {
	b     []byte
	pos   int
	short bool
}

func (r *bitReader) bits(n int) int {
	v := 0
	for ; n > 0; n-- {
		if r.pos >= 8*len(r.b) {
			r.short = true
			return 0
		}
		v = v<<1 | int(r.b[r.pos/8]>>(7-r.pos%8)&1)
		r.pos++
	}
	return v
}

func (r *bitReader) rate() int {
	i := r.bits(4)
	if i == 15 {
		return r.bits(24)
	}
	if i < len(aacRates) {
		return aacRates[i]
	}
	return 0
}
