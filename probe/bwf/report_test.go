package bwf

import (
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// reportRow is one take of the WaveAgent sound report.
type reportRow map[string]string

// soundReport parses WaveAgentSoundReport.csv: a few heading lines, then a
// table whose header row starts with "File Name". Lines end in a bare CR.
func soundReport(t *testing.T, path string) []reportRow {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.ReplaceAll(strings.ReplaceAll(string(b), "\r\n", "\n"), "\r", "\n")
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = -1
	records, err := r.ReadAll()
	if err != nil {
		t.Fatalf("sound report: %v", err)
	}
	var header []string
	var rows []reportRow
	for _, rec := range records {
		if len(rec) > 0 && rec[0] == "File Name" {
			header = rec
			continue
		}
		if header == nil || len(rec) < 10 {
			continue
		}
		row := reportRow{} // rows stop after their last track name
		for i, v := range rec[:min(len(rec), len(header))] {
			row[header[i]] = strings.TrimSpace(v)
		}
		rows = append(rows, row)
	}
	return rows
}

// reportFixture maps a report row to the fixture recorded for it: the file
// itself, or for a mono set (A101_1_X.WAV) the set's first track file.
func reportFixture(root, name string) (string, bool) {
	candidates := map[string]string{
		"A101_1.WAV":        "sound/sounddevices/A101_1.WAV",
		"A101_1_X.WAV":      "sound/sounddevices/A101_1_1.WAV",
		"A101_3.WAV":        "sound/sounddevices/A101_3.WAV",
		"Sr001-2C-01_X.WAV": "sound/metacorder/Sr001-2C-01_01.WAV",
	}
	rel, ok := candidates[name]
	return filepath.Join(root, rel), ok
}

// TestReadReproducesTheSoundReport checks every row of the sound report
// that has a fixture: scene, take, tape, sample rate, channels or set size,
// frame rate, length, start TC, notes, circled and track names.
func TestReadReproducesTheSoundReport(t *testing.T) {
	root := fixtureDir(t)
	rows := soundReport(t, filepath.Join(root, "sound", "WaveAgentSoundReport.csv"))
	checked := 0
	for _, row := range rows {
		name := row["File Name"]
		path, ok := reportFixture(root, name)
		if !ok {
			t.Logf("%s: no fixture holds this take; its start TC %s cannot be read", name, row["Start TC"])
			continue
		}
		t.Run(name, func(t *testing.T) {
			in, err := ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			checkReportRow(t, in, path, row)
		})
		checked++
	}
	if checked != 4 {
		t.Errorf("checked %d report rows against fixtures, want 4", checked)
	}
}

func checkReportRow(t *testing.T, in *Info, path string, row reportRow) {
	t.Helper()
	if in.Timecode == nil || in.Timecode.String() != row["Start TC"] {
		t.Errorf("start TC: got %v, report %s", in.Timecode, row["Start TC"])
	}
	for _, f := range []struct{ col, got string }{{"Scene", in.Scene}, {"Take", in.Take}, {"Tape", in.Tape}, {"Notes", in.Note}} {
		if !sameSlate(f.got, row[f.col]) {
			t.Errorf("%s: got %q, report %q", f.col, f.got, row[f.col])
		}
	}
	if got := strconv.Itoa(in.SampleRate); got != row["Sample Rate"] {
		t.Errorf("sample rate: got %s, report %s", got, row["Sample Rate"])
	}
	if in.Circled != (row["Circled"] != "") {
		t.Errorf("circled: got %t, report %q", in.Circled, row["Circled"])
	}
	// "2(POLY)": channels in the file; "5(MONO)": files in the set.
	count, kind, _ := strings.Cut(strings.TrimSuffix(row["Channels"], ")"), "(")
	got := in.Channels
	if kind == "MONO" {
		got = in.FileSet.Total
	}
	if strconv.Itoa(got) != count {
		t.Errorf("channels %s: got %d", row["Channels"], got)
	}
	// "23.97 ND": the rate truncated to two decimals, then ND or DF.
	fps, flag, _ := strings.Cut(row["Frame Rate"], " ")
	want, _ := strconv.ParseFloat(fps, 64)
	if math.Abs(in.Rate.Float()-want) > 0.01 || in.Drop != (flag == "DF") {
		t.Errorf("frame rate: got %v drop %t, report %s", in.Rate, in.Drop, row["Frame Rate"])
	}
	// Length is whole seconds, truncated.
	if got := formatSeconds(int(in.Duration.Seconds())); got != row["Length"] {
		t.Errorf("length: got %s (%v), report %s", got, in.Duration, row["Length"])
	}
	// T1..Tn name the set's tracks; a track file carries its own.
	offset := 0
	if _, track, ok := in.TakeBase(path); ok {
		offset = track - 1
	}
	for i, tr := range in.Tracks {
		if col := "T" + strconv.Itoa(i+1+offset); tr.Name != row[col] {
			t.Errorf("%s: got %q, report %q", col, tr.Name, row[col])
		}
	}
}

func formatSeconds(s int) string {
	return strconv.Itoa(100 + s/3600)[1:] + ":" + strconv.Itoa(100 + s/60%60)[1:] + ":" + strconv.Itoa(100 + s%60)[1:]
}
