package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// mountTmpfs mounts a tmpfs of size (e.g. "2m") at dir, or skips: it
// needs root (or CAP_SYS_ADMIN).
func mountTmpfs(t *testing.T, dir, size string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := unix.Mount("tmpfs", dir, "tmpfs", 0, "size="+size); err != nil {
		t.Skipf("cannot mount a %s tmpfs at %s (needs root): %v", size, dir, err)
	}
	t.Cleanup(func() { unix.Unmount(dir, unix.MNT_DETACH) })
}

// mediaFiles lists the files under root outside the catalog and history.
func mediaFiles(t *testing.T, root string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() && (d.Name() == ".rushes" || d.Name() == "ascmhl") {
			return fs.SkipDir
		}
		if err == nil && !d.IsDir() {
			out = append(out, p)
		}
		return nil
	})
	return out
}

var units = map[string]float64{"B": 1, "kB": 1e3, "KB": 1e3, "KiB": 1 << 10, "MB": 1e6, "MiB": 1 << 20, "GB": 1e9, "GiB": 1 << 30}

// neededBytes reads the amount named after "needs" in a message.
func neededBytes(msg string) (float64, bool) {
	m := regexp.MustCompile(`needs\D*?(\d+(?:\.\d+)?) ?(B|kB|KB|KiB|MB|MiB|GB|GiB)\b`).FindStringSubmatch(msg)
	if m == nil {
		return 0, false
	}
	n, _ := strconv.ParseFloat(m[1], 64)
	return n * units[m[2]], true
}

// A card larger than the room on a destination is refused before any
// byte is copied, naming the destination and what the whole card needs
// (issue 12, defect 9).
func TestPreflightRefusesACardThatDoesNotFit(t *testing.T) {
	s := newStation(t, "")
	mountTmpfs(t, s.lib, "2m")
	card := s.path("card")
	for i := 1; i <= 3; i++ { // each file fits alone; the card does not
		writeFile(t, card, fmt.Sprintf("CLIP/C%04d.MP4", i), pseudoRandom(1<<20, uint64(i)))
	}
	r := s.rushes("ingest", card)
	all := r.stdout + r.stderr
	if r.code != 1 || !strings.Contains(all, s.lib) {
		t.Errorf("want exit 1 naming the destination %s: %v", s.lib, r)
	}
	if need, ok := neededBytes(all); !ok || need < 3e6 {
		t.Errorf("message does not say the whole card (3 MiB) needs room (read %v, %v): %v", need, ok, r)
	}
	if files := mediaFiles(t, s.lib); len(files) != 0 {
		t.Errorf("files written to a destination that was refused: %v", files)
	}
	if strings.Contains(r.stdout, "SAFE") {
		t.Errorf("a refused card called SAFE: %v", r)
	}
}

// A destination on the same device as the card is no second copy: rushes
// warns.
func TestPreflightWarnsWhenTheLibraryIsOnTheCardsDevice(t *testing.T) {
	s := newStation(t, "")
	card := s.path("card")
	writeFile(t, card, "CLIP/C0001.MP4", pseudoRandom(10_000, 1))
	r := s.rushes("ingest", card)
	if r.code != 0 || !strings.Contains(r.stdout+r.stderr, "same device") {
		t.Errorf("library and card on one device: want a `same device` warning: %v", r)
	}
}

// A full disk under the catalog is said as such, naming the folder, not
// as SQLite's own words; once there is room again, the rerun is SAFE and
// the library's history is whole (issue 12, defects 9 and 1).
func TestFullCatalogDiskIsNamed(t *testing.T) {
	s := newStation(t, "")
	catDir := s.path("catalog")
	mountTmpfs(t, catDir, "16m") // room for SQLite's write-ahead log between checkpoints
	catalog := filepath.Join(catDir, "catalog.db")
	want := map[string][]byte{"C0000.MP4": pseudoRandom(5000, 99)}
	writeFile(t, s.path("first"), "CLIP/C0000.MP4", want["C0000.MP4"])
	if r := s.rushes("ingest", s.path("first"), "--catalog", catalog); r.code != 0 {
		t.Fatalf("first ingest: %v", r)
	}
	filler := filepath.Join(catDir, "filler")
	fillDisk(t, filler, 48<<10) // room to open the catalog, not to record 40 clips
	card := s.path("card")
	for i := 1; i <= 40; i++ {
		name := fmt.Sprintf("C%04d.MP4", i)
		want[name] = pseudoRandom(3000+i, uint64(i))
		writeFile(t, card, "CLIP/"+name, want[name])
	}
	r := s.rushes("ingest", card, "--catalog", catalog)
	all := r.stdout + r.stderr
	if r.code != 1 || !strings.Contains(all, "no space left on "+catDir) || strings.Contains(all, "database or disk is full") {
		t.Errorf("full catalog disk: want exit 1 and `no space left on %s`, no SQLite text: %v", catDir, r)
	}
	if strings.Contains(r.stdout, "SAFE") {
		t.Errorf("a run whose catalog could not be written was called SAFE: %v", r)
	}
	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	r = s.rushes("ingest", card, "--catalog", catalog)
	if r.code != 0 || !strings.Contains(r.stdout, "SAFE:") {
		t.Errorf("rerun with room again: %v", r)
	}
	for _, d := range []string{s.lib} {
		checkLibraryHoldsExactly(t, d, want)
		checkDestination(t, d)
	}
	if r := s.rushes("verify", "--catalog", catalog); r.code != 0 {
		t.Errorf("rushes verify: %v", r)
	}
}

// fillDisk writes path until its file system is full, then gives back
// room bytes.
func fillDisk(t *testing.T, path string, room int64) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	chunk := make([]byte, 4096)
	for {
		if _, err := f.Write(chunk); err != nil {
			if !errors.Is(err, unix.ENOSPC) {
				t.Fatal(err)
			}
			size, _ := f.Seek(0, 1)
			if err := f.Truncate(max(size-room, 0)); err != nil {
				t.Fatal(err)
			}
			return
		}
	}
}
