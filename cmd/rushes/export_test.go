package main

import (
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rushes/rushes/export"
)

func TestExportALEFCPXMLAndCSV(t *testing.T) {
	fx := fixturesDir(t)
	e := newEnv(t)
	t.Setenv("RUSHES_TIMEZONE", "UTC")
	card := filepath.Join(e.dir, "DAY1")
	copyFixture(t, fx, "video/gopro/karma.mp4", filepath.Join(card, "GOPRO"))
	copyFixture(t, fx, "sound/sounddevices/A101_3.WAV", filepath.Join(card, "SOUND"))
	if _, stderr, code := e.run("ingest", card); code != 0 {
		t.Fatal(stderr)
	}
	if _, stderr, code := e.run("note", "A101_3", `plane, "loud"`+"\nsecond line"); code != 0 {
		t.Fatal(stderr)
	}
	ale := filepath.Join(e.dir, "day.ale")
	if _, stderr, code := e.run("export", "--format", "ale", "-o", ale); code != 0 {
		t.Fatalf("export ale: %s", stderr)
	}
	f, err := os.Open(ale)
	if err != nil {
		t.Fatal(err)
	}
	parsed, err := export.ReadALE(f)
	f.Close()
	if err != nil || len(parsed.Rows) != 2 {
		t.Fatalf("ALE read back: %v, %+v", err, parsed)
	}
	for i := range parsed.Rows {
		if parsed.Value(i, "Name") == "karma.mp4" && parsed.Value(i, "Start") != "19:26:48:04" {
			t.Errorf("karma start %q, want 19:26:48:04", parsed.Value(i, "Start"))
		}
		if parsed.Value(i, "Name") == "A101_3.WAV" && (parsed.Value(i, "Scene") != "A101" || parsed.Value(i, "Take") != "3") {
			t.Errorf("A101_3 row: scene %q take %q", parsed.Value(i, "Scene"), parsed.Value(i, "Take"))
		}
	}

	out, stderr, code := e.run("export", "--format", "fcpxml")
	if code != 0 || !strings.Contains(out, "<fcpxml version=\"1.10\"") || !strings.Contains(out, "file://") {
		t.Fatalf("export fcpxml: %d %s\n%s", code, stderr, out)
	}
	if xmllint, err := exec.LookPath("xmllint"); err == nil {
		path := filepath.Join(e.dir, "out.fcpxml")
		os.WriteFile(path, []byte(out), 0o644)
		dtd := filepath.Join(fx, "fcpxml", "FCPXMLv1_10.dtd")
		if b, err := exec.Command(xmllint, "--noout", "--dtdvalid", dtd, path).CombinedOutput(); err != nil {
			t.Errorf("FCPXML is not valid against Apple's DTD: %v\n%s", err, b)
		}
	}

	out, _, code = e.run("export", "--format", "csv", "--scene", "A101")
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if code != 0 || err != nil || len(rows) != 2 || !strings.Contains(strings.Join(rows[1], "|"), `plane, "loud"`+"\nsecond line") {
		t.Errorf("csv with commas, quotes and newlines: %v %q", err, rows)
	}
	if _, stderr, code := e.run("export", "--format", "edl"); code != exitUsage || !strings.Contains(stderr, "ale, fcpxml") {
		t.Errorf("unknown format: %d %q", code, stderr)
	}
}
