package export

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rushes/rushes/media"
)

func readFixtureALE(t *testing.T, name string) *ALEFile {
	t.Helper()
	fh, err := os.Open(filepath.Join(fixtureDir(t, "ale"), name))
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	f, err := ReadALE(fh)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return f
}

func TestReadALEReadsTheFixtures(t *testing.T) {
	tests := []struct {
		file                   string
		audio                  string
		columns, rows          int
		lastColumn             string
		name, tape, start, end string
	}{
		// Blank lines between every section and heading; a trailing tab on the
		// column line and on the row (DaVinci Resolve).
		{"sample_blanks.ale", "48khz", 37, 1, "RESOLVE_SIZING",
			"A020C003_150905_E2XZ.mov", "A020E2XZ", "05:42:12:20", "05:42:30:12"},
		// No blank lines at all.
		{"sample_no_blanks.ale", "48kHz", 245, 6, "ZCoordPresent",
			"469C-4-1", "A_0076C001_230511_184122_h1CTJ", "19:42:28:17", "19:44:13:04"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f := readFixtureALE(t, tt.file)
			want := map[string]string{"FIELD_DELIM": "TABS", "VIDEO_FORMAT": "1080", "AUDIO_FORMAT": tt.audio, "FPS": "25"}
			for k, v := range want {
				if f.Heading[k] != v {
					t.Errorf("heading %s = %q, want %q", k, f.Heading[k], v)
				}
			}
			if len(f.Heading) != len(want) {
				t.Errorf("heading %v", f.Heading)
			}
			if len(f.Columns) != tt.columns || f.Columns[0] != "Name" || f.Columns[len(f.Columns)-1] != tt.lastColumn {
				t.Errorf("%d columns %q ... %q", len(f.Columns), f.Columns[0], f.Columns[len(f.Columns)-1])
			}
			if len(f.Rows) != tt.rows {
				t.Fatalf("%d rows, want %d", len(f.Rows), tt.rows)
			}
			for _, row := range f.Rows {
				if len(row) != len(f.Columns) {
					t.Errorf("row of %d values for %d columns", len(row), len(f.Columns))
				}
			}
			for col, v := range map[string]string{"Name": tt.name, "Tape": tt.tape, "Start": tt.start, "End": tt.end, "Tracks": f.Rows[0][f.Column("Tracks")]} {
				if got := f.Value(0, col); got != v || got == "" {
					t.Errorf("%s = %q, want %q", col, got, v)
				}
			}
		})
	}
}

// The fixtures' End is exclusive: End - Start is the Duration column, which is
// the convention ALE writes.
func TestFixtureALEEndIsStartPlusDuration(t *testing.T) {
	f := readFixtureALE(t, "sample_no_blanks.ale")
	rate := media.RateFromFloat(25)
	for i := range f.Rows {
		s, err1 := parseTimecode(f.Value(i, "Start"), rate)
		e, err2 := parseTimecode(f.Value(i, "End"), rate)
		d, err3 := parseTimecode(f.Value(i, "Duration"), rate)
		if err1 != nil || err2 != nil || err3 != nil {
			t.Fatal(err1, err2, err3)
		}
		if e.Frames-s.Frames != d.Frames {
			t.Errorf("row %d: End - Start = %d frames, Duration %d", i, e.Frames-s.Frames, d.Frames)
		}
	}
}

func TestReadALEAcceptsLineEndsAndCase(t *testing.T) {
	const ale = "\uFEFFheading\nFIELD_DELIM\tTABS\nFPS\t25\nAUDIO_FORMAT\n\n\ncolumn\nName\tStart\t\n\n\nDATA\n\nclip 1\t01:00:00:00\n\t\t\nclip 2\n\n"
	for name, text := range map[string]string{
		"LF": ale, "CRLF": strings.ReplaceAll(ale, "\n", "\r\n"), "CR": strings.ReplaceAll(ale, "\n", "\r"),
	} {
		t.Run(name, func(t *testing.T) {
			f, err := ReadALE(strings.NewReader(text))
			if err != nil {
				t.Fatal(err)
			}
			if f.Heading["FPS"] != "25" || f.Heading["AUDIO_FORMAT"] != "" || len(f.Columns) != 2 || len(f.Rows) != 2 ||
				f.Value(0, "Start") != "01:00:00:00" || f.Value(1, "Name") != "clip 2" || f.Value(1, "Start") != "" {
				t.Errorf("%+v", f)
			}
			if f.Value(0, "Nope") != "" || f.Value(5, "Name") != "" || f.Column("Nope") != -1 {
				t.Error("missing column or row gave a value")
			}
		})
	}
}

func TestReadALERejectsWhatIsNotAnALE(t *testing.T) {
	tests := map[string]string{
		"empty":             "",
		"no heading":        "Column\nName\nData\n",
		"no column":         "Heading\nFPS\t25\n",
		"no data":           "Heading\nFPS\t25\nColumn\nName\n",
		"stray line":        "Heading\nFPS\t25\nColumn\nName\nStart\nData\n",
		"too many values":   "Heading\nFPS\t25\nColumn\nName\tStart\nData\na\tb\tc\n",
		"commas":            "Heading\nFIELD_DELIM\tCOMMAS\nColumn\nName\nData\n",
		"no column names":   "Heading\nColumn\n\t\t\nData\n",
		"text before start": "hello\nHeading\n",
	}
	for name, text := range tests {
		t.Run(name, func(t *testing.T) {
			if f, err := ReadALE(strings.NewReader(text)); err == nil {
				t.Errorf("accepted: %+v", f)
			}
		})
	}
}
