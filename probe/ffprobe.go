package probe

import (
	"context"
	"encoding/json"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/rushes/rushes/media"
)

// LookFFprobe returns the path of ffprobe when it is installed, else "".
// ffprobe is optional: it only adds facts for formats rushes does not read
// itself (MXF, MTS, R3D, BRAW ...).
func LookFFprobe() string {
	p, err := exec.LookPath("ffprobe")
	if err != nil {
		return ""
	}
	return p
}

// ffprobeOutput is the part of `ffprobe -show_format -show_streams -of json` we use.
type ffprobeOutput struct {
	Streams []struct {
		CodecType  string            `json:"codec_type"`
		CodecName  string            `json:"codec_name"`
		Width      int               `json:"width"`
		Height     int               `json:"height"`
		RFrameRate string            `json:"r_frame_rate"`
		SampleRate string            `json:"sample_rate"`
		Channels   int               `json:"channels"`
		Tags       map[string]string `json:"tags"`
	} `json:"streams"`
	Format struct {
		Duration string            `json:"duration"`
		Tags     map[string]string `json:"tags"`
	} `json:"format"`
}

const ffprobeTimeout = 10 * time.Second

// ffprobe offers what ffprobe prints for a file. A failure is a warning.
func (s *sources) ffprobe(ctx context.Context, bin, path string) {
	ctx, cancel := context.WithTimeout(ctx, ffprobeTimeout)
	defer cancel()
	out, err := exec.CommandContext(ctx, bin, "-v", "error", "-print_format", "json", "-show_format", "-show_streams", path).Output()
	if err != nil {
		s.warn("ffprobe: %v", err)
		return
	}
	var o ffprobeOutput
	if err := json.Unmarshal(out, &o); err != nil {
		s.warn("ffprobe: unreadable output: %v", err)
		return
	}
	s.ffprobeFormat(o)
	for _, st := range o.Streams {
		switch st.CodecType {
		case "video":
			s.codec.add(st.CodecName, media.FromFFprobe)
			s.width.add(st.Width, media.FromFFprobe)
			s.height.add(st.Height, media.FromFFprobe)
			s.rate.add(parseRatio(st.RFrameRate), media.FromFFprobe)
		case "audio":
			sr, _ := strconv.Atoi(st.SampleRate)
			s.sampleRate.add(sr, media.FromFFprobe)
			s.channels.add(st.Channels, media.FromFFprobe)
		}
		if tc := st.Tags["timecode"]; tc != "" {
			s.ffprobeTimecode(tc, parseRatio(st.RFrameRate))
		}
	}
}

func (s *sources) ffprobeFormat(o ffprobeOutput) {
	if d, err := strconv.ParseFloat(o.Format.Duration, 64); err == nil && d > 0 && d < 1e7 {
		s.duration.add(time.Duration(d*float64(time.Second)), media.FromFFprobe)
	}
	if ct := o.Format.Tags["creation_time"]; ct != "" {
		if t, err := time.Parse(time.RFC3339Nano, ct); err == nil {
			s.shotAt.add(t, media.FromFFprobe)
		}
	}
	if tc := o.Format.Tags["timecode"]; tc != "" {
		s.ffprobeTimecode(tc, media.Rate{})
	}
}

// ffprobeTimecode parses HH:MM:SS:FF (or ;FF) at the stream's rate.
func (s *sources) ffprobeTimecode(text string, rate media.Rate) {
	if rate.IsZero() {
		return
	}
	drop := strings.ContainsAny(text, ";.")
	parts := strings.FieldsFunc(text, func(r rune) bool { return r == ':' || r == ';' || r == '.' })
	if len(parts) != 4 {
		return
	}
	var n [4]int64
	for i, p := range parts {
		v, err := strconv.ParseInt(p, 10, 64)
		if err != nil || v < 0 {
			return
		}
		n[i] = v
	}
	nom := int64(rate.Nominal())
	frames := ((n[0]*60+n[1])*60+n[2])*nom + n[3]
	if drop && nom%30 == 0 { // labels to real frames: undo the skipped labels
		d := nom / 15
		mins := n[0]*60 + n[1]
		frames -= d * (mins - mins/10)
	}
	s.tc.add(media.Timecode{Frames: frames, Rate: rate, Drop: drop}, media.FromFFprobe)
}

func parseRatio(s string) media.Rate {
	a, b, ok := strings.Cut(s, "/")
	num, err1 := strconv.ParseInt(a, 10, 64)
	den, err2 := strconv.ParseInt(b, 10, 64)
	if !ok || err1 != nil || err2 != nil || num <= 0 || den <= 0 {
		return media.Rate{}
	}
	return media.RateFromFloat(float64(num) / float64(den))
}
