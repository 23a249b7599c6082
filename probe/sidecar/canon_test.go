package sidecar

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadCanonClipXML(t *testing.T) {
	c, err := ReadCanonFile(filepath.Join("testdata", "A001C001_250101AB_CANON.XML"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range [][3]string{
		{"title", c.Title, "SC12 TK3"}, {"creator", c.Creator, "Ana DP"},
		{"description", c.Description, "night exterior, dolly in"},
		{"make", c.Manufacturer, "Canon"}, {"model", c.Model, "EOS C300 Mark II"},
		{"serial", c.Serial, "513220000123"}, {"firmware", c.Firmware, "1.0.7.1.00"},
		{"place", c.PlaceName, "Shibuya"}, {"source", c.Source, "GPS"},
	} {
		if f[1] != f[2] {
			t.Errorf("%s: got %q, want %q", f[0], f[1], f[2])
		}
	}
	if !c.HasPosition || c.Latitude != 35.6581 || c.Longitude != 139.7017 || c.Altitude == nil || *c.Altitude != 38 {
		t.Errorf("position %t %v %v %v", c.HasPosition, c.Latitude, c.Longitude, c.Altitude)
	}
	if len(c.Warnings) > 0 {
		t.Errorf("warnings %q", c.Warnings)
	}
}

func TestReadCanonTolerance(t *testing.T) {
	const ns = `xmlns="http://www.canon.com/ns/VideoClip"`
	cases := []struct {
		doc  string
		err  error
		warn string
		lat  float64
	}{
		{`<VideoClip ` + ns + `><Location><Latitude>S33.8688</Latitude><Longitude>W70.6693</Longitude></Location></VideoClip>`, nil, "", -33.8688},
		{`<VideoClip ` + ns + `><Location><Latitude>35.6</Latitude><Longitude>E1</Longitude></Location></VideoClip>`, nil, "is not a position", 0},
		{`<VideoClip ` + ns + `><Location><Latitude>N95</Latitude><Longitude>E1</Longitude></Location></VideoClip>`, nil, "is not a position", 0},
		{`<VideoClip ` + ns + `><Location><Altitude>high</Altitude></Location></VideoClip>`, nil, "altitude", 0},
		{`<VideoClip ` + ns + `><Title>cut`, nil, "unexpected EOF", 0},
		{`<VideoClip><Title>x</Title></VideoClip>`, nil, "namespace", 0},
		{`<NonRealTimeMeta/>`, ErrNotCanon, "", 0},
		{``, ErrNotCanon, "", 0},
	}
	for _, c := range cases {
		got, err := ReadCanon(strings.NewReader(c.doc), 0)
		if !errors.Is(err, c.err) || (err == nil) != (c.err == nil) {
			t.Errorf("%.50q: error %v, want %v", c.doc, err, c.err)
			continue
		}
		if err != nil {
			continue
		}
		w := strings.Join(got.Warnings, "; ")
		if (c.warn == "") != (w == "") || !strings.Contains(w, c.warn) || got.Latitude != c.lat {
			t.Errorf("%.50q: warnings %q lat %v", c.doc, w, got.Latitude)
		}
	}
}
