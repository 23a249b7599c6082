package catalog

import (
	"context"
	"strings"
	"testing"

	"github.com/rushes/rushes/media"
)

func TestMarksAndNotesRoundTrip(t *testing.T) {
	ctx := context.Background()
	c, lib := openTest(t)
	cl := sampleClip(lib, "C0001.MP4", "12", "2026-11-01")
	cl.Circled = true // from iXML
	cl.Provenance["circled"] = media.FromIXML
	id, err := c.AddClip(ctx, 0, cl)
	if err != nil {
		t.Fatal(err)
	}
	f, tr, four, scene := false, true, 4, "47B"
	if err := c.Mark(ctx, id, Marks{Circled: &f, Rating: &four, NG: &tr, AddTags: []string{"boom", "hero"}, Scene: &scene}); err != nil {
		t.Fatal(err)
	}
	if err := c.Mark(ctx, id, Marks{RemoveTags: []string{"hero"}}); err != nil {
		t.Fatal(err)
	}
	if err := c.AddNote(ctx, id, "ae", "focus buzz, use take 3"); err != nil {
		t.Fatal(err)
	}
	got, err := c.FindClip(ctx, "C0001")
	if err != nil {
		t.Fatal(err)
	}
	if got.Circled || got.Rating == nil || *got.Rating != 4 || !got.NG || got.Scene != "47B" {
		t.Errorf("marks: circled %v rating %v ng %v scene %q", got.Circled, got.Rating, got.NG, got.Scene)
	}
	if got.Provenance["circled"] != "manual" || got.Provenance["scene"] != "manual" {
		t.Errorf("provenance %v: an editor's override must say manual", got.Provenance)
	}
	if strings.Join(got.Tags, ",") != "boom" || len(got.Notes) != 1 || got.Notes[0].Author != "ae" {
		t.Errorf("tags %v notes %+v", got.Tags, got.Notes)
	}
	for _, q := range []Filter{{Search: "buzz"}, {Search: "boom"}, {Tag: "BOOM"}, {MinRating: 3}, {NG: &tr}, {Scene: "47b"}} {
		if clips, err := c.Clips(ctx, q); err != nil || len(clips) != 1 {
			t.Errorf("filter %+v: %d clips, %v", q, len(clips), err)
		}
	}
	for _, q := range []Filter{{Circled: true}, {MinRating: 5}, {NG: &f}, {Search: "hero"}} {
		if clips, _ := c.Clips(ctx, q); len(clips) != 0 {
			t.Errorf("filter %+v matched", q)
		}
	}
	bad := 6
	if err := c.Mark(ctx, id, Marks{Rating: &bad}); err == nil {
		t.Error("rating 6 accepted")
	}
	if err := c.AddNote(ctx, id, "ae", "  "); err == nil {
		t.Error("empty note accepted")
	}
}

func TestScenes(t *testing.T) {
	ctx := context.Background()
	c, lib := openTest(t)
	add := func(name, scene, take string, kind media.Kind, circled bool, dur float64) {
		cl := sampleClip(lib, name, scene, "2026-11-02")
		cl.Take, cl.Kind, cl.Circled, cl.Duration = take, kind, circled, dur
		if _, err := c.AddClip(ctx, 0, cl); err != nil {
			t.Fatal(err)
		}
	}
	add("A1.MOV", "12", "1", media.KindVideo, false, 10)
	add("A2.MOV", "12", "2", media.KindVideo, true, 20)
	add("S2.WAV", "12", "2", media.KindAudio, true, 25)
	add("A3.MOV", "", "", media.KindVideo, false, 5)
	rows, err := c.Scenes(ctx, Filter{Date: "2026-11-02"})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 {
		t.Fatalf("rows %+v", rows)
	}
	r := rows[0]
	if r.Scene != "12" || r.Clips != 3 || r.Takes != 2 || r.Picture != 2 || r.Sound != 1 || r.DurationS != 30 || strings.Join(r.Circled, ",") != "2" {
		t.Errorf("scene 12: %+v", r)
	}
	if rows[1].Scene != "unsorted" {
		t.Errorf("no scene: %+v", rows[1])
	}
}
