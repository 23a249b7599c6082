package qt

import "math"

// Offsets in a sample description entry, counted from its first byte
// (size and format are the first 8; 6 reserved bytes and the data reference
// index make 16).
const (
	entryHeader       = 16
	visualWidth       = 32
	visualCompressor  = 50
	visualExtensions  = 86
	soundVersion      = 16
	soundChannels     = 24
	soundSampleSize   = 26
	soundRate         = 32 // 16.16 in v0/v1 (and in ISO AudioSampleEntry)
	soundExtensionsV0 = 36
	soundExtensionsV1 = 52
	soundRateV2       = 40 // float64
	soundChannelsV2   = 48
	soundBitsV2       = 56
	soundExtensionsV2 = 72
)

// visual decodes a video sample description: size and compressor name.
func (t *track) visual() {
	e := t.entry
	if len(e) >= visualWidth+4 {
		t.Width, t.Height = int(be16(e[visualWidth:])), int(be16(e[visualWidth+2:]))
	}
	if len(e) >= visualCompressor+1 {
		n := min(int(e[visualCompressor]), 31, len(e)-visualCompressor-1)
		t.CompressorName = cleanText(e[visualCompressor+1:visualCompressor+1+n], 0)
	}
	if t.Width == 0 || t.Height == 0 {
		t.Width, t.Height = t.tkhdW, t.tkhdH
	}
}

// pcmBits are the uncompressed formats whose sample size the v0/v1 field
// cannot say (it stops at 16).
var pcmBits = map[string]int{"in24": 24, "in32": 32, "fl32": 32, "fl64": 64}

// sound decodes QuickTime sound descriptions v0, v1 and v2, and ISO
// AudioSampleEntry (laid out as v0). For AAC the decoder configuration in
// esds wins: it is what players use, and encoders leave stale values in the
// entry (QuickTime.m4a's says 44.1 kHz stereo for 32 kHz mono).
func (t *track) sound() {
	e := t.entry
	if len(e) < soundExtensionsV0 {
		t.SampleRate = int(t.Timescale)
		return
	}
	ext := soundExtensionsV0
	switch be16(e[soundVersion:]) {
	case 2:
		if len(e) >= soundExtensionsV2 {
			rate := math.Float64frombits(be64(e[soundRateV2:]))
			if rate > 0 && rate < 10_000_000 {
				t.SampleRate = int(math.Round(rate))
			}
			t.Channels = int(min(be32(e[soundChannelsV2:]), 1<<16))
			t.BitsPerSample = int(min(be32(e[soundBitsV2:]), 1<<10))
		}
		ext = soundExtensionsV2
	case 1:
		ext = soundExtensionsV1
		fallthrough
	default:
		t.Channels = int(be16(e[soundChannels:]))
		t.BitsPerSample = int(be16(e[soundSampleSize:]))
		t.SampleRate = int(be32(e[soundRate:]) >> 16)
	}
	if bits, ok := pcmBits[t.Codec]; ok {
		t.BitsPerSample = bits
	}
	if rate, ch := aacConfig(extensions(e, ext)); rate > 0 {
		t.SampleRate = rate
		if ch > 0 {
			t.Channels = ch
		}
	}
	if t.SampleRate == 0 { // 16.16 cannot hold 96 kHz: writers leave 0 and set the timescale
		t.SampleRate = int(t.Timescale)
	}
}

// extensions returns the boxes after the fixed part of an entry, or nil.
func extensions(e []byte, at int) []byte {
	if len(e) <= at {
		return nil
	}
	return e[at:]
}

// aacConfig finds esds among an audio entry's extensions (QuickTime puts it
// inside a wave box) and reads sample rate and channels from its
// AudioSpecificConfig.
func aacConfig(ext []byte) (rate, channels int) {
	eachIn(ext, func(typ string, body []byte) {
		switch typ {
		case "esds":
			if rate == 0 {
				rate, channels = parseESDS(body)
			}
		case "wave":
			if rate == 0 {
				eachIn(body, func(typ string, body []byte) {
					if typ == "esds" && rate == 0 {
						rate, channels = parseESDS(body)
					}
				})
			}
		}
	})
	return rate, channels
}
