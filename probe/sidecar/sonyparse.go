package sidecar

import (
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/rushes/rushes/media"
)

// sonyRaw holds a NonRealTimeMeta document's attributes as written, before
// they are interpreted.
type sonyRaw struct {
	lastUpdate, duration, creation string
	codec, captureFps, formatFps   string
	pixel, lines, aspect           string
	tcFps, halfStep                string
	ltcValue, ltcFrame             string
	ltcFirst                       int64 // frameCount of ltcValue, -1 before any
}

func parseSony(b []byte) (*Sony, error) {
	s := &Sony{}
	raw := sonyRaw{ltcFirst: -1}
	root, err := walkXML(b, visitor{start: func(path []string, se xml.StartElement) {
		sonyElement(s, &raw, path, se)
	}})
	if root.Local != "NonRealTimeMeta" {
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrNotSony, err)
		}
		return nil, fmt.Errorf("%w: root element is <%s>", ErrNotSony, root.Local)
	}
	w := warnings{}
	if err != nil {
		w.add("NonRealTimeMeta: %v (kept what was read before it)", err)
	}
	if !strings.HasPrefix(root.Space, sonyNamespace) {
		w.add("NonRealTimeMeta namespace %q is not %s...", root.Space, sonyNamespace)
	}
	s.Namespace = root.Space
	raw.interpret(s, &w)
	s.Warnings = w
	return s, nil
}

// sonyElement records the attributes of the elements rushes reads.
func sonyElement(s *Sony, raw *sonyRaw, path []string, se xml.StartElement) {
	switch {
	case len(path) == 1:
		raw.lastUpdate = attr(se, "lastUpdate")
	case under(path, "Duration"):
		raw.duration = attr(se, "value")
	case under(path, "CreationDate"):
		raw.creation = attr(se, "value")
	case under(path, "TargetMaterial"):
		s.UMID = attr(se, "umidRef")
	case under(path, "Device"):
		s.Manufacturer, s.Model, s.Serial = attr(se, "manufacturer"), attr(se, "modelName"), attr(se, "serialNo")
	case under(path, "VideoFormat", "VideoFrame"):
		raw.codec, raw.captureFps, raw.formatFps = attr(se, "videoCodec"), attr(se, "captureFps"), attr(se, "formatFps")
	case under(path, "VideoFormat", "VideoLayout"):
		raw.pixel, raw.lines, raw.aspect = attr(se, "pixel"), attr(se, "numOfVerticalLine"), attr(se, "aspectRatio")
	case under(path, "LtcChangeTable"):
		raw.tcFps, raw.halfStep = attr(se, "tcFps"), attr(se, "halfStep")
	case under(path, "LtcChangeTable", "LtcChange"):
		// The start timecode is the change at the lowest frame count
		// (frame 0 in every file seen).
		n, err := strconv.ParseInt(attr(se, "frameCount"), 10, 64)
		if err == nil && n >= 0 && (raw.ltcFirst < 0 || n < raw.ltcFirst) {
			raw.ltcFirst, raw.ltcValue, raw.ltcFrame = n, attr(se, "value"), attr(se, "frameCount")
		}
	}
}

// interpret turns the raw attributes into typed facts, warning on each
// value that is present but unreadable.
func (raw *sonyRaw) interpret(s *Sony, w *warnings) {
	s.CreationDate = sonyTime(raw.creation, "CreationDate", w)
	s.LastUpdate = sonyTime(raw.lastUpdate, "lastUpdate", w)
	s.Codec, s.AspectRatio = raw.codec, raw.aspect
	if raw.formatFps != "" {
		if r, interlaced, ok := parseFps(raw.formatFps); ok {
			s.Rate, s.Interlaced = r, interlaced
		} else {
			w.add("VideoFrame formatFps %q is not a frame rate", raw.formatFps)
		}
	}
	if raw.captureFps != "" {
		if r, _, ok := parseFps(raw.captureFps); ok {
			s.CaptureRate = r
		} else {
			w.add("VideoFrame captureFps %q is not a frame rate", raw.captureFps)
		}
	}
	s.Width = count(raw.pixel, "VideoLayout pixel", w)
	s.Height = count(raw.lines, "VideoLayout numOfVerticalLine", w)
	if raw.duration != "" {
		n, err := strconv.ParseInt(raw.duration, 10, 64)
		if err != nil || n < 0 || n > maxFrames {
			w.add("Duration value %q is not a frame count", raw.duration)
		} else {
			s.DurationFrames = n
			s.Duration = framesDuration(n, s.Rate)
		}
	}
	raw.timecode(s, w)
}

// maxFrames bounds a clip's frame count: a year at 120 fps.
const maxFrames = 120 * 3600 * 24 * 366

// sonyTime parses Sony's xs:dateTime values, keeping the written offset.
// Some writers omit the colon in the offset; without any offset the wall
// clock is kept in UTC with a warning.
func sonyTime(v, what string, w *warnings) time.Time {
	if v == "" {
		return time.Time{}
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05-0700"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t
		}
	}
	if t, err := time.Parse("2006-01-02T15:04:05", v); err == nil {
		w.add("%s %q has no UTC offset; read as a wall clock time", what, v)
		return t
	}
	w.add("%s %q is not a date and time", what, v)
	return time.Time{}
}

func count(v, what string, w *warnings) int {
	if v == "" {
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 || n > 1<<16 {
		w.add("%s %q is not a pixel count", what, v)
		return 0
	}
	return n
}

// framesDuration is n frames at rate, exact for 1001-based rates.
func framesDuration(n int64, rate media.Rate) time.Duration {
	if rate.IsZero() || n <= 0 {
		return 0
	}
	num := n * rate.Den // n ≤ maxFrames and Den ≤ 1001: no overflow
	secs, rest := num/rate.Num, num%rate.Num
	return time.Duration(secs)*time.Second + time.Duration(rest*int64(time.Second)/rate.Num)
}
