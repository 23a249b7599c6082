package bwf

import (
	"fmt"
	"math"
	"math/big"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestReadMatchesGoldenOutputs reads every sound fixture and every clean
// generated file and checks each fact against what exiftool and ffprobe
// printed for the same file.
func TestReadMatchesGoldenOutputs(t *testing.T) {
	type file struct{ path, exif, ffprobe string }
	var files []file
	root := fixtureDir(t)
	for _, rel := range soundFixtures {
		g := filepath.Join(root, "golden", strings.ReplaceAll(rel, "/", "_"))
		files = append(files, file{filepath.Join(root, rel), g + ".exiftool.json", g + ".ffprobe.json"})
	}
	for _, name := range []string{"ixml_2997df.wav", "description_only.wav", "ixml_timestamp_only.wav", "rf64_ffmpeg.wav"} {
		g := filepath.Join("testdata", "golden", name)
		files = append(files, file{filepath.Join("testdata", name), g + ".exiftool.json", g + ".ffprobe.json"})
	}
	for _, f := range files {
		t.Run(filepath.Base(f.path), func(t *testing.T) {
			info, err := ReadFile(f.path)
			if err != nil {
				t.Fatal(err)
			}
			if len(info.Warnings) > 0 {
				t.Errorf("warnings on a clean file: %q", info.Warnings)
			}
			checkExiftool(t, info, decodeGolden(t, mustRead(t, f.exif)))
			checkFFprobe(t, info, decodeGolden(t, mustRead(t, f.ffprobe)))
		})
	}
}

func checkExiftool(t *testing.T, in *Info, g map[string]any) {
	t.Helper()
	eq := func(key, got string) {
		if v, ok := g[key]; ok && str(v) != got {
			t.Errorf("%s: got %q, exiftool %q", key, got, str(v))
		}
	}
	eq("RIFF:NumChannels", strconv.Itoa(in.Channels))
	eq("RIFF:SampleRate", strconv.Itoa(in.SampleRate))
	eq("RIFF:BitsPerSample", strconv.Itoa(in.BitsPerSample))
	eq("RIFF:Description", in.Description)
	eq("RIFF:Originator", in.Originator)
	eq("RIFF:OriginatorReference", in.OriginatorRef)
	eq("RIFF:CodingHistory", in.CodingHistory)
	eq("XML:BwfxmlProject", in.Project)
	eq("XML:BwfxmlScene", in.Scene)
	eq("XML:BwfxmlTake", in.Take)
	eq("XML:BwfxmlTape", in.Tape)
	eq("XML:BwfxmlNote", in.Note)
	eq("XML:BwfxmlFileSetFamilyUid", in.FileSet.FamilyUID)
	if v, ok := g["XML:BwfxmlCircled"]; ok && (str(v) == "TRUE") != in.Circled {
		t.Errorf("circled: got %t, exiftool %v", in.Circled, v)
	}
	if v, ok := g["RIFF:TimeReference"]; ok {
		eq("RIFF:TimeReference", strconv.FormatUint(in.TimeReference, 10))
		if !in.HasTimeReference {
			t.Errorf("HasTimeReference false, exiftool reads %v", v)
		}
	}
	if v, ok := g["RIFF:DateTimeOriginal"]; ok {
		if got, want := in.Origination.Format("20060102150405"), onlyDigits(str(v)); got != want {
			t.Errorf("origination: got %s, exiftool %s", got, want)
		}
	}
	checkExiftoolSets(t, in, g)
	checkStartTC(t, in, g)
}

// checkExiftoolSets compares the track list and file set; exiftool prints
// only the first TRACK of a list.
func checkExiftoolSets(t *testing.T, in *Info, g map[string]any) {
	t.Helper()
	if v, ok := g["XML:BwfxmlTrackListTrackCount"]; ok && str(v) != strconv.Itoa(len(in.Tracks)) {
		t.Errorf("tracks: got %d, exiftool TRACK_COUNT %v", len(in.Tracks), v)
	}
	if v, ok := g["XML:BwfxmlTrackListTrackName"]; ok && (len(in.Tracks) == 0 || in.Tracks[0].Name != str(v)) {
		t.Errorf("first track: got %+v, exiftool %v", in.Tracks, v)
	}
	if v, ok := g["XML:BwfxmlTrackListTrackChannelIndex"]; ok && len(in.Tracks) > 0 && str(v) != strconv.Itoa(in.Tracks[0].Index) {
		t.Errorf("first track index: got %d, exiftool %v", in.Tracks[0].Index, v)
	}
	if v, ok := g["XML:BwfxmlFileSetTotalFiles"]; ok && str(v) != strconv.Itoa(in.FileSet.Total) {
		t.Errorf("file set total: got %d, exiftool %v", in.FileSet.Total, v)
	}
	if v, ok := g["XML:BwfxmlFileSetFileSetIndex"]; ok {
		want, err := strconv.Atoi(str(v))
		if err != nil { // a letter: A is the first
			want = int(str(v)[0]-'A') + 1
		}
		if in.FileSet.Index != want {
			t.Errorf("file set index: got %d, exiftool %v", in.FileSet.Index, v)
		}
	}
}

// checkStartTC recomputes the start timecode from exiftool's time reference
// and speed with the fixture README's rule, in exact integer arithmetic.
func checkStartTC(t *testing.T, in *Info, g map[string]any) {
	t.Helper()
	rate, ok := g["XML:BwfxmlSpeedTimecodeRate"]
	if !ok {
		return
	}
	ref := g["RIFF:TimeReference"]
	if ref == nil {
		ref = g["XML:BwfxmlSpeedTimestampSamplesSinceMidnightLo"]
	}
	samples, _ := strconv.ParseUint(str(ref), 10, 64)
	fps, _ := strconv.ParseFloat(str(rate), 64)
	want := referenceTC(samples, in.SampleRate, fps, str(g["XML:BwfxmlSpeedTimecodeFlag"]) == "DF")
	if in.Timecode == nil || in.Timecode.String() != want {
		t.Errorf("start TC: got %v, want %s", in.Timecode, want)
	}
}

func checkFFprobe(t *testing.T, in *Info, g map[string]any) {
	t.Helper()
	if got, want := strconv.Itoa(in.SampleRate), str(path(g, "streams", "0", "sample_rate")); got != want {
		t.Errorf("sample rate: got %s, ffprobe %s", got, want)
	}
	if got, want := strconv.Itoa(in.Channels), str(path(g, "streams", "0", "channels")); got != want {
		t.Errorf("channels: got %s, ffprobe %s", got, want)
	}
	if v := path(g, "streams", "0", "duration_ts"); v != nil && str(v) != strconv.FormatInt(in.Samples, 10) {
		t.Errorf("samples: got %d, ffprobe duration_ts %v", in.Samples, v)
	}
	if v := path(g, "format", "duration"); v != nil {
		secs, _ := strconv.ParseFloat(str(v), 64)
		if math.Abs(in.Duration.Seconds()-secs) > 1e-6 {
			t.Errorf("duration: got %v, ffprobe %ss", in.Duration, str(v))
		}
	}
	if d, tm := str(path(g, "format", "tags", "date")), str(path(g, "format", "tags", "creation_time")); d != "" && tm != "" {
		if got, want := in.Origination.Format("20060102150405"), onlyDigits(d+tm); got != want {
			t.Errorf("origination: got %s, ffprobe %s %s", got, d, tm)
		}
	}
	if v := str(path(g, "format", "tags", "time_reference")); v != "" && v != strconv.FormatUint(in.TimeReference, 10) {
		t.Errorf("time reference: got %d, ffprobe %s", in.TimeReference, v)
	}
}

// referenceTC is the fixture README's start-TC rule written independently
// of media: frames = floor(samples / sampleRate × real rate) in exact
// rationals, labelled at the nominal rate (drop-frame per SMPTE 12M).
func referenceTC(samples uint64, sampleRate int, fps float64, drop bool) string {
	nom := int64(math.Round(fps))
	num, den := nom, int64(1)
	if math.Abs(fps-float64(nom)) > 1e-3 {
		num, den = nom*1000, 1001
	}
	f := new(big.Int).SetUint64(samples)
	f.Mul(f, big.NewInt(num))
	f.Quo(f, big.NewInt(int64(sampleRate)*den))
	frames := f.Int64()
	sep := ":"
	if drop {
		per10, perMin, skip := nom*600-18*nom/30, nom*60-2*nom/30, 2*nom/30
		tens, rest := frames/per10, frames%per10
		frames += 9 * skip * tens
		if rest > skip {
			frames += skip * ((rest - skip) / perMin)
		}
		sep = ";"
	}
	s := frames / nom
	return fmt.Sprintf("%02d:%02d:%02d%s%02d", s/3600%24, s/60%60, s%60, sep, frames%nom)
}

func onlyDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}
