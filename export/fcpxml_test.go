package export

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rushes/rushes/catalog"
	"github.com/rushes/rushes/media"
)

// writeFCPXML writes clips, checks the document is well-formed XML and
// decodes it.
func writeFCPXML(t *testing.T, clips []catalog.Clip, opts FCPXMLOptions) ([]byte, fcpxmlDoc, []string) {
	t.Helper()
	var warnings []string
	opts.Warn = func(m string) { warnings = append(warnings, m) }
	var buf bytes.Buffer
	if err := FCPXML(&buf, clips, opts); err != nil {
		t.Fatal(err)
	}
	dec := xml.NewDecoder(bytes.NewReader(buf.Bytes()))
	for {
		if _, err := dec.Token(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, buf.String())
		}
	}
	var doc fcpxmlDoc
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), doc, warnings
}

// seconds reads an FCPXML time ("0s", "4s", "1001/24000s").
func seconds(t *testing.T, s string) *big.Rat {
	t.Helper()
	r, ok := new(big.Rat).SetString(strings.TrimSuffix(s, "s"))
	if !ok || !strings.HasSuffix(s, "s") {
		t.Fatalf("time %q", s)
	}
	return r
}

// at is n frames at rate as seconds.
func at(n int64, r media.Rate) *big.Rat { return big.NewRat(n*r.Den, r.Num) }

func TestFCPXMLIsValidAgainstApplesDTD(t *testing.T) {
	dtds := fixtureDir(t, "fcpxml")
	xmllint := lookTool(t, "xmllint")
	for _, version := range []string{"1.9", "1.10", "1.11"} {
		t.Run(version, func(t *testing.T) {
			out, doc, _ := writeFCPXML(t, dayClips(), FCPXMLOptions{Version: version, LibraryRoot: "/Volumes/RUSHES"})
			if doc.Version != version {
				t.Errorf("version %q", doc.Version)
			}
			file := filepath.Join(t.TempDir(), "out.fcpxml")
			if err := os.WriteFile(file, out, 0o644); err != nil {
				t.Fatal(err)
			}
			dtd := filepath.Join(dtds, "FCPXMLv"+strings.ReplaceAll(version, ".", "_")+".dtd")
			if msg, err := exec.Command(xmllint, "--noout", "--dtdvalid", dtd, file).CombinedOutput(); err != nil {
				t.Fatalf("xmllint: %v\n%s", err, msg)
			}
		})
	}
	t.Run("empty", func(t *testing.T) {
		out, _, _ := writeFCPXML(t, nil, FCPXMLOptions{})
		file := filepath.Join(t.TempDir(), "empty.fcpxml")
		if err := os.WriteFile(file, out, 0o644); err != nil {
			t.Fatal(err)
		}
		if msg, err := exec.Command(xmllint, "--noout", "--dtdvalid", filepath.Join(dtds, "FCPXMLv1_10.dtd"), file).CombinedOutput(); err != nil {
			t.Fatalf("xmllint: %v\n%s", err, msg)
		}
	})
}

func TestFCPXMLHasAnAssetPerClipAndAFormatPerRateAndSize(t *testing.T) {
	clips := dayClips()
	_, doc, _ := writeFCPXML(t, clips, FCPXMLOptions{LibraryRoot: "/Volumes/RUSHES 01"})
	if doc.Version != "1.10" {
		t.Errorf("default version %q", doc.Version)
	}
	// 23.976 HD, 25 UHD, 29.97 HD (two clips), the phone's portrait 29.97.
	formats := map[string]fcpFormat{}
	for _, f := range doc.Resources.Formats {
		formats[f.ID] = f
	}
	if len(formats) != 4 {
		t.Errorf("%d formats: %+v", len(formats), doc.Resources.Formats)
	}
	if len(doc.Resources.Assets) != len(clips) {
		t.Fatalf("%d assets for %d clips", len(doc.Resources.Assets), len(clips))
	}
	tests := []struct {
		frameDuration, src string
		start, dur         *big.Rat
	}{
		{"1001/24000s", "file:///Volumes/RUSHES%2001/2026-11-02/12/A/A001C003_261102.mov",
			at((12*3600+39*60+59)*24, media.Rate23976), at(240, media.Rate23976)},
		{"1/25s", "file:///Volumes/RUSHES%2001/2026-11-02/12/B/B002C001.MP4",
			at((13*3600+37*60+30)*25+7, media.Rate25), big.NewRat(4, 1)},
		// 10:00:59;28 drop-frame is frame 1080718: 2 labels skipped in 540 minutes.
		{"1001/30000s", "file:///Volumes/RUSHES%2001/2026-11-03/14A/C/C003_DF.MOV",
			at(1080718, rate2997), at(4, rate2997)},
		{"1001/30000s", "file:///Volumes/RUSHES%2001/2026-11-03/14A/C/C004_NDF.MOV",
			at((10*3600+59)*30+28, rate2997), at(4, rate2997)},
		{"", "file:///Volumes/RUSHES%2001/2026-11-02/A101/sound/A101_3.WAV",
			at((12*3600+39*60+59)*24, media.Rate23976), at(300, media.Rate23976)},
		{"1001/30000s", "file:///Volumes/RUSHES%2001/2026-11-02/unsorted/phone/IMG%200001%20%C3%BC%23.mov",
			new(big.Rat), at(90, rate2997)},
	}
	for i, tt := range tests {
		a := doc.Resources.Assets[i]
		if a.MediaRep.Src != tt.src {
			t.Errorf("%s: src %q, want %q", a.Name, a.MediaRep.Src, tt.src)
		}
		if seconds(t, a.Start).Cmp(tt.start) != 0 || seconds(t, a.Duration).Cmp(tt.dur) != 0 {
			t.Errorf("%s: start %s duration %s, want %s and %s", a.Name, a.Start, a.Duration,
				tt.start.FloatString(4), tt.dur.FloatString(4))
		}
		if got := formats[a.Format].FrameDuration; got != tt.frameDuration || (a.HasVideo == "1") != (tt.frameDuration != "") {
			t.Errorf("%s: format %q frame duration %q, want %q", a.Name, a.Format, got, tt.frameDuration)
		}
	}
	if a := doc.Resources.Assets[0]; a.HasAudio != "1" || a.AudioChannels != "2" || a.AudioRate != "48000" || a.Name != "A001C003_261102" {
		t.Errorf("first asset %+v", a)
	}
}

func TestFCPXMLKeysClipsByScene(t *testing.T) {
	_, doc, _ := writeFCPXML(t, dayClips(), FCPXMLOptions{LibraryRoot: "/Volumes/RUSHES", EventName: "Day 3"})
	ev := doc.Event
	if ev.Name != "Day 3" {
		t.Errorf("event %q", ev.Name)
	}
	var names []string
	for _, c := range ev.Collections {
		names = append(names, c.Name)
	}
	if got := strings.Join(names, "|"); got != "Scene 12|hero|wide; slow|Scene 14A|Scene A101|Unsorted" {
		t.Errorf("keyword collections %s", got)
	}
	if len(ev.Clips) != 6 {
		t.Fatalf("%d clips in the event", len(ev.Clips))
	}
	tests := []struct {
		keyword, rating, tcFormat, note string
	}{
		{"Scene 12", "favorite", "NDF", "Said \"cut\", then\tkept going\nsecond line"},
		{"Scene 12", "", "NDF", ""},
		{"Scene 14A", "reject", "DF", ""},
		{"Scene 14A", "", "NDF", ""},
		{"Scene A101", "", "NDF", ""},
		{"Unsorted", "", "NDF", ""},
	}
	for i, tt := range tests {
		c := ev.Clips[i]
		if c.Ref != doc.Resources.Assets[i].ID || len(c.Keywords) == 0 || c.Keywords[0].Value != tt.keyword ||
			c.Keywords[0].Start != doc.Resources.Assets[i].Start || c.TCFormat != tt.tcFormat || c.Note != tt.note {
			t.Errorf("clip %d: %+v", i, c)
		}
		if got := ""; c.Rating != nil {
			if got = c.Rating.Value; got != tt.rating {
				t.Errorf("clip %d rated %q, want %q", i, got, tt.rating)
			}
		} else if tt.rating != "" {
			t.Errorf("clip %d not rated, want %q", i, tt.rating)
		}
	}
	md := map[string]string{}
	for _, m := range ev.Clips[0].Metadata.MD {
		md[m.Key] = m.Value
	}
	if md["com.apple.proapps.studio.scene"] != "12" || md["com.apple.proapps.studio.shot"] != "3" ||
		md["com.apple.proapps.studio.reel"] != "A001" || md["com.apple.proapps.studio.angle"] != "A" {
		t.Errorf("metadata %v", md)
	}
}

func TestFCPXMLStringoutPlaysClipsEndToEnd(t *testing.T) {
	_, doc, _ := writeFCPXML(t, dayClips(), FCPXMLOptions{LibraryRoot: "/Volumes/RUSHES"})
	p := doc.Event.Project
	if p == nil {
		t.Fatal("no stringout project")
	}
	seq := p.Sequence
	var format fcpFormat
	for _, f := range doc.Resources.Formats {
		if f.ID == seq.Format {
			format = f
		}
	}
	// 29.97 is the most common picture format; the timeline starts at 01:00:00:00.
	if format.FrameDuration != "1001/30000s" || seconds(t, seq.TCStart).Cmp(at(108000, rate2997)) != 0 || seq.TCFormat != "NDF" {
		t.Errorf("sequence %+v in format %+v", seq, format)
	}
	end := new(big.Rat)
	frame := seconds(t, format.FrameDuration)
	for _, c := range seq.Spine.Clips {
		if seconds(t, c.Offset).Cmp(end) != 0 {
			t.Errorf("%s at %s, want %s", c.Name, c.Offset, end.FloatString(4))
		}
		d := seconds(t, c.Duration)
		if n := new(big.Rat).Quo(d, frame); !n.IsInt() {
			t.Errorf("%s lasts %s: not whole sequence frames", c.Name, c.Duration)
		}
		end.Add(end, d)
	}
	if len(seq.Spine.Clips) != 6 || seconds(t, seq.Duration).Cmp(end) != 0 {
		t.Errorf("%d clips, duration %s, want %s", len(seq.Spine.Clips), seq.Duration, end.FloatString(4))
	}
	_, doc, _ = writeFCPXML(t, dayClips(), FCPXMLOptions{LibraryRoot: "/x", NoStringout: true})
	if doc.Event.Project != nil {
		t.Error("NoStringout still wrote a project")
	}
}

func TestFCPXMLRefusesWhatItCannotWrite(t *testing.T) {
	clips := dayClips()
	if err := FCPXML(io.Discard, clips, FCPXMLOptions{}); err == nil || !strings.Contains(err.Error(), "relative") {
		t.Errorf("relative library paths without a root: %v", err)
	}
	if err := FCPXML(io.Discard, clips, FCPXMLOptions{Version: "1.8", LibraryRoot: "/x"}); err == nil {
		t.Error("version 1.8 accepted")
	}
	noRate := catalog.Clip{Name: "x.mov", Kind: media.KindVideo, LibraryPath: "/lib/x.mov"}
	if err := FCPXML(io.Discard, []catalog.Clip{noRate}, FCPXMLOptions{}); !errors.Is(err, ErrNoFrameRate) {
		t.Errorf("picture without any rate: %v", err)
	}
	// Sound without rate or timecode is counted in samples.
	sound := catalog.Clip{Name: "memo.m4a", Kind: media.KindAudio, Duration: 2.5, SampleRate: 44100, LibraryPath: "/lib/memo.m4a"}
	_, doc, warnings := writeFCPXML(t, []catalog.Clip{sound}, FCPXMLOptions{})
	if a := doc.Resources.Assets[0]; a.Duration != "110250/44100s" || a.HasVideo != "" || doc.Event.Project != nil {
		t.Errorf("sound asset %+v, project %v", a, doc.Event.Project)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], "stringout") {
		t.Errorf("warnings %q", warnings)
	}
}

func TestFCPXMLIsStable(t *testing.T) {
	a, _, _ := writeFCPXML(t, dayClips(), FCPXMLOptions{LibraryRoot: "/x"})
	b, _, _ := writeFCPXML(t, dayClips(), FCPXMLOptions{LibraryRoot: "/x"})
	if !bytes.Equal(a, b) {
		t.Error("two writes of the same clips differ")
	}
}
