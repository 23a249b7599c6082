package export

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/rushes/rushes/catalog"
	"github.com/rushes/rushes/media"
)

// writeALE writes clips and reads them back, failing the test on either error.
func writeALE(t *testing.T, clips []catalog.Clip, opts ALEOptions) (string, *ALEFile, []string) {
	t.Helper()
	var warnings []string
	opts.Warn = func(m string) { warnings = append(warnings, m) }
	var buf bytes.Buffer
	if err := ALE(&buf, clips, opts); err != nil {
		t.Fatal(err)
	}
	f, err := ReadALE(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatalf("own ALE does not read back: %v\n%s", err, buf.String())
	}
	return buf.String(), f, warnings
}

func TestALERoundTripCountsTimecodesAtEachClipsRate(t *testing.T) {
	clips := dayClips()
	tests := []struct {
		clip                         catalog.Clip
		fps, start, end, dur, tracks string
	}{
		{clips[0], "23.976", "12:39:59:00", "12:40:09:00", "00:00:10:00", "VA1A2"},
		{clips[1], "25", "13:37:30:07", "13:37:34:07", "00:00:04:00", "V"},
		// 4 frames across a minute boundary: drop-frame skips ;00 and ;01.
		{clips[2], "29.97", "10:00:59;28", "10:01:00;04", "00:00:00;04", "V"},
		{clips[3], "29.97", "10:00:59:28", "10:01:00:02", "00:00:00:04", "V"},
		{clips[4], "23.976", "12:39:59:00", "12:40:11:12", "00:00:12:12", "A1A2"},
	}
	for _, tt := range tests {
		t.Run(tt.clip.Name, func(t *testing.T) {
			_, f, warnings := writeALE(t, []catalog.Clip{tt.clip}, ALEOptions{})
			if len(warnings) > 0 {
				t.Errorf("warnings: %q", warnings)
			}
			if f.Heading["FPS"] != tt.fps || f.Heading["FIELD_DELIM"] != "TABS" {
				t.Errorf("heading %v, want FPS %s", f.Heading, tt.fps)
			}
			if len(f.Rows) != 1 {
				t.Fatalf("%d rows", len(f.Rows))
			}
			for col, want := range map[string]string{"Name": tt.clip.Name, "Start": tt.start, "End": tt.end,
				"Duration": tt.dur, "FPS": tt.fps, "Tracks": tt.tracks, "Scene": tt.clip.Scene, "Take": tt.clip.Take} {
				if got := f.Value(0, col); got != want {
					t.Errorf("%s = %q, want %q", col, got, want)
				}
			}
			// End is exclusive: End - Start is the duration, as in the fixtures.
			r := tt.clip.Rate
			s, _ := parseTimecode(f.Value(0, "Start"), r)
			e, _ := parseTimecode(f.Value(0, "End"), r)
			if e.Frames-s.Frames != durationFrames(tt.clip.Duration, r) {
				t.Errorf("End - Start = %d frames, want %d", e.Frames-s.Frames, durationFrames(tt.clip.Duration, r))
			}
		})
	}
}

func TestALEHasAvidSectionsAndColumns(t *testing.T) {
	text, f, _ := writeALE(t, dayClips(), ALEOptions{LibraryRoot: "/Volumes/RUSHES"})
	wantStart := "Heading\nFIELD_DELIM\tTABS\nVIDEO_FORMAT\t1080\nAUDIO_FORMAT\t48kHz\nFPS\t29.97\n\nColumn\n"
	if !strings.HasPrefix(text, wantStart) {
		t.Errorf("ALE starts\n%q\nwant\n%q", text[:min(len(text), len(wantStart))], wantStart)
	}
	if !strings.Contains(text, "\n\nData\n") || !strings.HasSuffix(text, "\n") || strings.Contains(text, "\r") {
		t.Error("no blank line before Data, no final newline, or a CR")
	}
	for _, col := range []string{"Name", "Tracks", "Start", "End", "Tape", "Source File", "Scene", "Take", "Camera", "Circled"} {
		if f.Column(col) < 0 {
			t.Errorf("no %s column in %q", col, f.Columns)
		}
	}
	for _, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n")[10:] {
		if n := strings.Count(line, "\t"); n != len(aleColumns)-1 {
			t.Errorf("%d tabs in data line %q", n, line)
		}
	}
	want := map[string]string{"Tape": "A001", "Source File": "A001C003_261102.mov", "Circled": "Y",
		"Source Path": "/Volumes/RUSHES/2026-11-02/12/A/A001C003_261102.mov", "Camera": "A",
		"Comments": `Said "cut", then kept going second line`, "Shoot Date": "2026-11-02"}
	for col, v := range want {
		if got := f.Value(0, col); got != v {
			t.Errorf("%s = %q, want %q", col, got, v)
		}
	}
	if f.Value(1, "Circled") != "" || f.Value(1, "Tape") != "B002C001" {
		t.Errorf("uncircled clip without reel: Circled %q Tape %q", f.Value(1, "Circled"), f.Value(1, "Tape"))
	}
}

func TestALEWarnsWhatItAssumed(t *testing.T) {
	_, f, warnings := writeALE(t, dayClips(), ALEOptions{})
	// 29.97 is the most common picture rate: the heading; the others are said.
	all := strings.Join(warnings, "\n")
	for _, want := range []string{"different frame rates", "23.976 (2 clips)", "FPS heading says 29.97",
		"IMG 0001 ü#.mov: no start timecode", "IMG 0001 ü#.mov: no frame rate; timecodes counted at 29.97"} {
		if !strings.Contains(all, want) {
			t.Errorf("no warning with %q in\n%s", want, all)
		}
	}
	if got := f.Value(5, "Start"); got != "00:00:00:00" {
		t.Errorf("clip without timecode starts %q", got)
	}
	if got := f.Value(5, "End"); got != "00:00:03:00" { // 3 s at 29.97 is 90 frames
		t.Errorf("clip without timecode ends %q", got)
	}
}

func TestALEProjectRateIsTheHeading(t *testing.T) {
	_, f, _ := writeALE(t, dayClips(), ALEOptions{FPS: media.Rate23976, VideoFormat: "CUSTOM", AudioFormat: "44kHz"})
	if f.Heading["FPS"] != "23.976" || f.Heading["VIDEO_FORMAT"] != "CUSTOM" || f.Heading["AUDIO_FORMAT"] != "44kHz" {
		t.Errorf("heading %v", f.Heading)
	}
	if got := f.Value(1, "FPS"); got != "25" {
		t.Errorf("a 25 fps clip's FPS column says %q", got)
	}
}

func TestALEWithoutAnyRateFails(t *testing.T) {
	clip := catalog.Clip{Name: "x.wav", Kind: media.KindAudio}
	err := ALE(&bytes.Buffer{}, []catalog.Clip{clip}, ALEOptions{})
	if !errors.Is(err, ErrNoFrameRate) {
		t.Fatalf("got %v, want ErrNoFrameRate", err)
	}
	if err := ALE(&bytes.Buffer{}, []catalog.Clip{clip}, ALEOptions{FPS: media.Rate25}); err != nil {
		t.Fatalf("with a project rate: %v", err)
	}
}

func TestALEValuesCannotBreakTheFormat(t *testing.T) {
	clip := dayClips()[1]
	clip.Name = "bad\tname\r\n.mp4"
	clip.Scene = "12\n"
	clip.Notes = []catalog.Note{{Text: "one\ttwo"}, {Text: "three\x00"}}
	_, f, _ := writeALE(t, []catalog.Clip{clip}, ALEOptions{})
	if len(f.Rows) != 1 || f.Value(0, "Name") != "bad name  .mp4" || f.Value(0, "Scene") != "12 " ||
		f.Value(0, "Comments") != "one two | three " {
		t.Errorf("rows %q", f.Rows)
	}
}

func TestALEIsStable(t *testing.T) {
	a, _, _ := writeALE(t, dayClips(), ALEOptions{})
	b, _, _ := writeALE(t, dayClips(), ALEOptions{})
	if a != b {
		t.Error("two writes of the same clips differ")
	}
}
