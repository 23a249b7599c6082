package sidecar

import (
	"os"
	"path/filepath"
	"testing"
)

// TestSonyForFindsTheSidecarInAnyCase builds card folders in the spellings
// cameras and copies produce.
func TestSonyForFindsTheSidecarInAnyCase(t *testing.T) {
	cases := []struct {
		files []string // created in one folder
		media string
		want  string // "" when none
	}{
		{[]string{"C0001.MP4", "C0001M01.XML"}, "C0001.MP4", "C0001M01.XML"},
		{[]string{"c0001.mp4", "c0001m01.xml"}, "c0001.mp4", "c0001m01.xml"},
		{[]string{"C0001.MP4", "C0001M01.xml"}, "C0001.MP4", "C0001M01.xml"},
		{[]string{"C0001.MP4", "c0001M01.Xml"}, "C0001.MP4", "c0001M01.Xml"},
		{[]string{"C0001.MXF", "C0001M01.XML"}, "C0001.MXF", "C0001M01.XML"}, // XDCAM
		{[]string{"C0002.MP4", "C0001M01.XML"}, "C0002.MP4", ""},
		{[]string{"C0001.MP4"}, "C0001.MP4", ""},
	}
	for _, c := range cases {
		dir := t.TempDir()
		for _, f := range c.files {
			if err := os.WriteFile(filepath.Join(dir, f), nil, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		shared := new(Folders)
		for _, find := range []func(string) (string, bool){SonyFor, shared.SonyFor, shared.SonyFor} {
			got, ok := find(filepath.Join(dir, c.media))
			if want := c.want; (want == "") == ok || (ok && got != filepath.Join(dir, want)) {
				t.Errorf("%v: got %q %t, want %q", c.files, got, ok, c.want)
			}
		}
	}
}

// A Folders lists a folder once: a sidecar written after the listing is
// not seen by it (a card being probed does not change), a new one sees it.
func TestFoldersListOnce(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"C0001.MP4", "C0002.MP4"} {
		if err := os.WriteFile(filepath.Join(dir, f), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fs := new(Folders)
	if got, ok := fs.SonyFor(filepath.Join(dir, "C0001.MP4")); ok {
		t.Fatalf("found %q in a folder without sidecars", got)
	}
	if err := os.WriteFile(filepath.Join(dir, "C0002M01.XML"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if got, ok := fs.SonyFor(filepath.Join(dir, "C0002.MP4")); ok {
		t.Errorf("folder listed again: found %q", got)
	}
	if _, ok := new(Folders).SonyFor(filepath.Join(dir, "C0002.MP4")); !ok {
		t.Error("a new Folders does not see the sidecar")
	}
}

func TestSonyForIgnoresFolders(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "C0001M01.XML"), 0o755); err != nil {
		t.Fatal(err)
	}
	if got, ok := SonyFor(filepath.Join(dir, "C0001.MP4")); ok {
		t.Errorf("found folder %q", got)
	}
}

func TestCanonFor(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"A001C001_250101AB_CANON.MXF", "a001c001_250101ab_canon.xml"} {
		if err := os.WriteFile(filepath.Join(dir, f), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, ok := CanonFor(filepath.Join(dir, "A001C001_250101AB_CANON.MXF"))
	if !ok || filepath.Base(got) != "a001c001_250101ab_canon.xml" {
		t.Errorf("got %q %t", got, ok)
	}
	if got, ok := CanonFor(filepath.Join(dir, "a001c001_250101ab_canon.xml")); ok {
		t.Errorf("the XML is its own sidecar: %q", got)
	}
}
