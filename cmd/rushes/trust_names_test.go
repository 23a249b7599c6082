package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// writeOld writes a card file with a camera's old modification time, so
// that its shooting day (and so its library folder) is fixed.
func writeOld(t *testing.T, root, rel string, b []byte) string {
	t.Helper()
	p := writeFile(t, root, rel, b)
	old := time.Date(2026, 11, 2, 14, 30, 0, 0, time.UTC)
	if err := os.Chtimes(p, old, old); err != nil {
		t.Fatal(err)
	}
	return p
}

// Progress and summary lines name the path a file landed at: the second
// card's A001C001.MOV lands as A001C001_2.MOV and is reported so (issue
// 12, defect 4).
func TestReportedPathIsTheFinalOne(t *testing.T) {
	s := newStation(t, "")
	writeOld(t, s.path("card1"), "A001C001.MOV", pseudoRandom(50_000, 1))
	src2 := writeOld(t, s.path("card2"), "A001C001.MOV", pseudoRandom(50_000, 2))
	r1 := s.rushes("ingest", s.path("card1"))
	m := regexp.MustCompile(`(?m)^verified \S+ -> (\S+)$`).FindStringSubmatch(r1.stderr)
	if r1.code != 0 || m == nil {
		t.Fatalf("first card: %v", r1)
	}
	first := m[1]
	final := strings.TrimSuffix(first, ".MOV") + "_2.MOV"
	r2 := s.rushes("ingest", s.path("card2"))
	if r2.code != 0 {
		t.Fatalf("second card: %v", r2)
	}
	if b, err := os.ReadFile(final); err != nil || string(b) != string(pseudoRandom(50_000, 2)) {
		t.Fatalf("the second A001C001.MOV is not at %s (%v)", final, err)
	}
	if line := "verified " + src2 + " -> " + final; !strings.Contains(r2.stderr, line+"\n") {
		t.Errorf("progress does not name the final path; want the line\n%s\n%v", line, r2)
	}
	if !strings.Contains(r2.stdout, filepath.Base(final)) {
		t.Errorf("summary does not name the final path %s:\n%s", final, r2.stdout)
	}
	if strings.Contains(r2.stdout+r2.stderr, "FAILED") {
		t.Errorf("a file reported verified turned up FAILED:\n%v", r2)
	}
}

// A file with the same bytes as an ingested one under another name is
// recorded as another source of that content: found by its name and by
// search (issue 12, defect 5).
func TestSameBytesUnderAnotherNameIsFindable(t *testing.T) {
	s := newStation(t, "")
	content := pseudoRandom(80_000, 5)
	writeOld(t, s.path("cardA"), "A001C002.MOV", content)
	other := writeOld(t, s.path("cardB"), "B007C042.MOV", content)
	for _, card := range []string{"cardA", "cardB"} {
		if r := s.rushes("ingest", s.path(card)); r.code != 0 {
			t.Fatalf("ingest %s: %v", card, r)
		}
	}
	for _, clip := range []string{"B007C042", other} {
		if r := s.rushes("show", clip, "--json"); r.code != 0 || !strings.Contains(r.stdout, "B007C042") {
			t.Errorf("rushes show %s: %v", clip, r)
		}
	}
	r := s.rushes("clips", "--search", "B007", "--json")
	var found []clipJSON
	if err := json.Unmarshal([]byte(r.stdout), &found); err != nil || len(found) == 0 {
		t.Errorf("clips --search B007 finds nothing (%v): %v", err, r)
	}
	checkDestination(t, s.lib)
}

// Three clips of one card whose thumbnails are byte-identical keep one
// thumbnail each, on every run (issue 12, defect 5).
func TestIdenticalThumbnailsInOneCardAreEachRecorded(t *testing.T) {
	thumb := pseudoRandom(9000, 42)
	for run := 1; run <= 3; run++ {
		s := newStation(t, "")
		card := s.path("card")
		for i := 1; i <= 3; i++ {
			writeOld(t, card, fmt.Sprintf("DCIM/100GOPRO/GX01000%d.MP4", i), pseudoRandom(17<<20+i, uint64(i)))
			writeOld(t, card, fmt.Sprintf("DCIM/100GOPRO/GX01000%d.THM", i), thumb)
		}
		// Large files one at a time: each clip is recorded before the next
		// one's thumbnail is offloaded, so the second one's bytes are known.
		if r := s.rushes("ingest", card, "--in-flight", "1"); r.code != 0 {
			t.Fatalf("run %d: %v", run, r)
		}
		for i := 1; i <= 3; i++ {
			name := fmt.Sprintf("GX01000%d", i)
			r := s.rushes("show", name, "--json")
			var c clipJSON
			if err := json.Unmarshal([]byte(r.stdout), &c); err != nil {
				t.Fatalf("run %d: show %s: %v\n%v", run, name, err, r)
			}
			thm := 0
			for _, f := range c.Files {
				if strings.EqualFold(filepath.Ext(f.Path), ".THM") && filepath.Base(f.SourcePath) == name+".THM" {
					thm++
				}
			}
			if thm != 1 {
				t.Errorf("run %d: clip %s lists %d thumbnails from %s.THM, want 1: %+v", run, name, thm, name, c.Files)
			}
		}
		if r := s.rushes("verify"); r.code != 0 {
			t.Errorf("run %d: rushes verify: %v", run, r)
		}
		checkDestination(t, s.lib)
	}
}
