package probe

import (
	"fmt"
	"strings"
	"time"

	"github.com/rushes/rushes/media"
)

// fact gathers the values the sources offer for one fact, in the order the
// sources were read, which is the order of precedence.
type fact[T comparable] struct {
	vals []T
	from []string
}

func (f *fact[T]) add(v T, source string) {
	var zero T
	if v != zero {
		f.vals = append(f.vals, v)
		f.from = append(f.from, source)
	}
}

// pick returns the first value and its source, and the first value of
// another source that disagrees (same reports whether two values agree).
func (f *fact[T]) pick(same func(a, b T) bool) (v T, from string, other T, otherFrom string, ok bool) {
	if len(f.vals) == 0 {
		return v, "", other, "", false
	}
	for i := 1; i < len(f.vals); i++ {
		if !same(f.vals[0], f.vals[i]) {
			return f.vals[0], f.from[0], f.vals[i], f.from[i], true
		}
	}
	return f.vals[0], f.from[0], other, "", true
}

func equal[T comparable](a, b T) bool { return a == b }

func sameText(a, b string) bool {
	return strings.EqualFold(strings.TrimLeft(a, "0"), strings.TrimLeft(b, "0"))
}

// Clocks an hour or more apart are a camera set to the wrong zone or day;
// smaller differences are start versus end of recording.
func sameTime(a, b time.Time) bool {
	d := a.Sub(b)
	return d < time.Hour && d > -time.Hour
}

// sources collects every source's offer before precedence decides.
type sources struct {
	shotAt                fact[time.Time]
	scene, take           fact[string]
	camera, reel, project fact[string]
	notes, codec          fact[string]
	make, model, serial   fact[string]
	tc                    fact[media.Timecode]
	rate                  fact[media.Rate]
	duration              fact[time.Duration]
	width, height         fact[int]
	sampleRate, channels  fact[int]
	circled               fact[bool]
	kind                  media.Kind
	clipKey               string
	warnings              []string
}

func (s *sources) warn(format string, args ...any) {
	s.warnings = append(s.warnings, fmt.Sprintf(format, args...))
}

// apply writes the winning values into f, with their provenance, and keeps
// the disagreements as warnings.
func (s *sources) apply(f *media.Facts) {
	if s.kind != "" {
		f.Kind = s.kind
	}
	f.ClipKey = s.clipKey
	f.Warnings = append(f.Warnings, s.warnings...)
	str := func(name string, fa *fact[string], same func(a, b string) bool, dst *string) {
		v, from, o, ofrom, ok := fa.pick(same)
		if !ok {
			return
		}
		*dst = v
		f.Set(name, from)
		if ofrom != "" {
			f.Warn(fmt.Sprintf("%s: %s says %q, %s says %q; using %s", name, from, v, ofrom, o, from))
		}
	}
	str("scene", &s.scene, sameText, &f.Scene)
	str("take", &s.take, sameText, &f.Take)
	str("camera", &s.camera, sameText, &f.Camera)
	str("reel", &s.reel, sameText, &f.Reel)
	str("project", &s.project, equal[string], &f.Project)
	str("notes", &s.notes, equal[string], &f.Notes)
	str("codec", &s.codec, equal[string], &f.Codec)
	str("make", &s.make, equal[string], &f.Make)
	str("model", &s.model, equal[string], &f.Model)
	str("serial", &s.serial, equal[string], &f.Serial)
	if v, from, o, ofrom, ok := s.shotAt.pick(sameTime); ok {
		f.ShotAt = v
		f.Set("date", from)
		if ofrom != "" {
			f.Warn(fmt.Sprintf("date: %s says %s, %s says %s; using %s", from, v.Format(time.RFC3339), ofrom, o.Format(time.RFC3339), from))
		}
	}
	if v, from, o, ofrom, ok := s.tc.pick(equal[media.Timecode]); ok {
		tc := v
		f.TCStart = &tc
		f.Set("tc_start", from)
		if ofrom != "" {
			f.Warn(fmt.Sprintf("tc_start: %s says %s, %s says %s; using %s", from, v, ofrom, o, from))
		}
	}
	s.applyTechnical(f)
}

func (s *sources) applyTechnical(f *media.Facts) {
	if v, from, _, _, ok := s.rate.pick(equal[media.Rate]); ok {
		f.Rate = v
		f.Set("fps", from)
	}
	if v, from, _, _, ok := s.duration.pick(equal[time.Duration]); ok {
		f.Duration = v
		f.Set("duration_s", from)
	}
	ints := []struct {
		name string
		fa   *fact[int]
		dst  *int
	}{{"width", &s.width, &f.Width}, {"height", &s.height, &f.Height}, {"sample_rate", &s.sampleRate, &f.SampleRate}, {"channels", &s.channels, &f.Channels}}
	for _, i := range ints {
		if v, from, _, _, ok := i.fa.pick(equal[int]); ok {
			*i.dst = v
			f.Set(i.name, from)
		}
	}
	if v, from, _, _, ok := s.circled.pick(equal[bool]); ok {
		f.Circled = v
		f.Set("circled", from)
	}
}
