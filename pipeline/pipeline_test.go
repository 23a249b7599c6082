package pipeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rushes/rushes/catalog"
	"github.com/rushes/rushes/organize"
)

type fixture struct {
	t   *testing.T
	dir string
	lib string
	cat *catalog.Catalog
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	dir := t.TempDir()
	lib := filepath.Join(dir, "library")
	cat, err := catalog.Open(context.Background(), filepath.Join(lib, ".rushes", "catalog.db"), catalog.Options{Library: lib})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cat.Close() })
	return &fixture{t: t, dir: dir, lib: lib, cat: cat}
}

func (fx *fixture) options() Options {
	layout, err := organize.ParseLayout("{date}/{scene}/{camera}/{name}")
	if err != nil {
		fx.t.Fatal(err)
	}
	return Options{Library: fx.lib, Layout: layout, Hash: "xxh128", Location: time.UTC}
}

func (fx *fixture) file(rel string, b []byte) string {
	fx.t.Helper()
	p := filepath.Join(fx.dir, rel)
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		fx.t.Fatal(err)
	}
	return p
}

// fileAt writes b at rel below root.
func (fx *fixture) fileAt(root, rel string, b []byte) string {
	fx.t.Helper()
	p := filepath.Join(root, rel)
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		fx.t.Fatal(err)
	}
	return p
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// blockedBackup is a writable backup folder in which every library path
// fails: a file stands where the first folder of each would be made.
func (fx *fixture) blockedBackup(name string) string {
	root := filepath.Join(fx.dir, name)
	for _, day := range []string{time.Now().Format("2006-01-02"), time.Now().UTC().Format("2006-01-02")} {
		fx.file(filepath.Join(name, day), []byte("in the way"))
	}
	return root
}

func (fx *fixture) run(opts Options, paths ...string) Summary {
	fx.t.Helper()
	sum, err := New(opts, fx.cat, nil, nil).Run(context.Background(), paths)
	if err != nil {
		fx.t.Fatalf("run: %v", err)
	}
	return sum
}

func TestDuplicateContentIsNotCopiedAgain(t *testing.T) {
	fx := newFixture(t)
	content := bytes.Repeat([]byte("frame"), 10_000)
	fx.file("cardA/C0001.MP4", content)
	fx.file("shuttle/renamed/day1_C0001.MP4", content)
	fx.file("shuttle/other.MP4", bytes.Repeat([]byte("other"), 10_000)) // same size, other content
	if s := fx.run(fx.options(), filepath.Join(fx.dir, "cardA")); s.Copied != 1 {
		t.Fatalf("first run: %+v", s)
	}
	s := fx.run(fx.options(), filepath.Join(fx.dir, "shuttle"))
	if s.Copied != 1 || s.Known != 1 || s.Failed != 0 {
		t.Errorf("shuttle run: copied %d, known %d, failed %d; want 1 copied (other) and 1 duplicate", s.Copied, s.Known, s.Failed)
	}
	if clips, files, _ := fx.cat.Counts(context.Background()); clips != 2 || files != 2 {
		t.Errorf("catalog holds %d clips, %d files; want 2 and 2", clips, files)
	}
}

// Library files of a source's size are compared by their first bytes, and
// then by hash: a file that starts like a catalogued one but ends otherwise
// (a fixed-size span) is still copied, a duplicate is still found when more
// files of its size are catalogued than are compared by their start.
func TestDuplicatesOfTheSameSize(t *testing.T) {
	const size = 100_000
	fx := newFixture(t)
	body := func(seed byte) []byte { return bytes.Repeat([]byte{seed, seed + 1, seed + 2, 7}, size/4) }
	first := body(1)
	for i := range maxPrefixCandidates + 1 {
		fx.file(fmt.Sprintf("cardA/C%04d.MP4", i+1), body(byte(10+3*i)))
	}
	fx.file("cardA/A001C001.MOV", first)
	if s := fx.run(fx.options(), filepath.Join(fx.dir, "cardA")); s.Copied != maxPrefixCandidates+2 {
		t.Fatalf("first run: %+v", s)
	}
	sameStart := append([]byte{}, first...)
	sameStart[size-1] ^= 0xff // the start is the same, the end is not
	fx.file("cardB/A001C001_001.MOV", sameStart)
	fx.file("cardB/renamed.MOV", first) // a duplicate among 18 files of its size
	s := fx.run(fx.options(), filepath.Join(fx.dir, "cardB"))
	if s.Copied != 1 || s.Known != 1 || s.Failed != 0 {
		t.Errorf("second run: copied %d, known %d, failed %d; want 1 copied, 1 duplicate", s.Copied, s.Known, s.Failed)
	}
}

func TestBackupsAreWrittenInTheSamePass(t *testing.T) {
	fx := newFixture(t)
	content := []byte("picture and sound")
	fx.file("card/A001C001.MOV", content)
	opts := fx.options()
	opts.Backups = []string{filepath.Join(fx.dir, "shuttle1"), filepath.Join(fx.dir, "shuttle2")}
	s := fx.run(opts, filepath.Join(fx.dir, "card"))
	if s.Copied != 1 {
		t.Fatalf("%+v", s)
	}
	clips, _ := fx.cat.Clips(context.Background(), catalog.Filter{})
	rel, _ := filepath.Rel(fx.lib, clips[0].LibraryPath)
	for _, b := range opts.Backups {
		got, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil || !bytes.Equal(got, content) {
			t.Errorf("backup %s: %v", b, err)
		}
	}
}

// A backup added for a card's second ingest gets the files the library
// holds already, at the library's paths, with its ASC MHL generation; a
// third ingest writes nothing. A card file changed under its old size and
// time is not backed up as if it were the library's.
func TestBackupAddedLaterGetsKnownFiles(t *testing.T) {
	fx := newFixture(t)
	files := map[string][]byte{"card/A001C001.MOV": []byte("picture"), "card/A001C002.MOV": []byte("more picture")}
	for rel, b := range files {
		fx.file(rel, b)
	}
	card := filepath.Join(fx.dir, "card")
	if s := fx.run(fx.options(), card); s.Copied != 2 {
		t.Fatalf("first run: %+v", s)
	}
	opts := fx.options()
	shuttle := filepath.Join(fx.dir, "shuttle")
	opts.Backups = []string{shuttle}
	s := fx.run(opts, card)
	if s.Known != 2 || s.Failed != 0 || len(s.Written) != 2 {
		t.Fatalf("run with a backup: known %d, failed %d, written %d %v", s.Known, s.Failed, len(s.Written), s.Failures)
	}
	clips, _ := fx.cat.Clips(context.Background(), catalog.Filter{})
	for _, c := range clips {
		rel, _ := filepath.Rel(fx.lib, c.LibraryPath)
		got, err := os.ReadFile(filepath.Join(shuttle, rel))
		if want := files["card/"+c.Name]; err != nil || !bytes.Equal(got, want) {
			t.Errorf("backup of %s: %q %v, want %q", c.Name, got, err, want)
		}
	}
	if m, _ := filepath.Glob(filepath.Join(shuttle, "ascmhl", "0001_*.mhl")); len(m) != 1 {
		t.Errorf("backup's ASC MHL generations: %v", m)
	}
	if s := fx.run(opts, card); s.Known != 2 || s.Failed != 0 || len(s.Written) != 0 {
		t.Errorf("third run: known %d, failed %d, written %d", s.Known, s.Failed, len(s.Written))
	}

	changed := filepath.Join(card, "A001C002.MOV")
	st, _ := os.Stat(changed)
	fx.file("card/A001C002.MOV", []byte("MORE PICTURE"))
	os.Chtimes(changed, st.ModTime(), st.ModTime())
	other := filepath.Join(fx.dir, "shuttle2")
	opts.Backups = []string{other}
	s, _ = New(opts, fx.cat, nil, nil).Run(context.Background(), []string{card})
	if s.Known != 1 || s.Failed != 1 || !strings.Contains(fmt.Sprint(s.Failures), "no longer matches its library copy") {
		t.Fatalf("changed card file: known %d, failed %d %v", s.Known, s.Failed, s.Failures)
	}
	for _, c := range clips {
		rel, _ := filepath.Rel(fx.lib, c.LibraryPath)
		_, err := os.Stat(filepath.Join(other, rel))
		if (c.Name == "A001C002.MOV") != errors.Is(err, os.ErrNotExist) {
			t.Errorf("second backup, %s: %v", c.Name, err)
		}
	}
}

// A run killed mid-copy leaves partial files in the backups too: the next
// run removes them there as in the library, and keeps everything else.
func TestPartialFilesInBackupsAreRemoved(t *testing.T) {
	fx := newFixture(t)
	fx.file("card/A001C001.MOV", []byte("picture"))
	opts := fx.options()
	shuttle := filepath.Join(fx.dir, "shuttle")
	opts.Backups = []string{shuttle, filepath.Join(fx.dir, "not-made-yet")}
	partial := fx.file("shuttle/2026-01-01/1/A/.A001C001.MOV.rushes-partial-0123abcd", []byte("half"))
	kept := fx.file("shuttle/2026-01-01/1/A/.notes.txt", []byte("a hidden file of someone else's"))
	s := fx.run(opts, filepath.Join(fx.dir, "card"))
	if s.Copied != 1 || len(s.Cleaned) != 1 || s.Cleaned[0] != partial {
		t.Fatalf("copied %d, cleaned %v; want the backup's partial file", s.Copied, s.Cleaned)
	}
	if _, err := os.Stat(partial); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("partial file in the backup: %v", err)
	}
	if _, err := os.Stat(kept); err != nil {
		t.Errorf("other hidden file: %v", err)
	}
}

// A library built with one hash algorithm and a copy of its card ingested
// with another: the file already at its library path is the same content
// (the copier compared it), so it is known, not recorded twice; a backup
// that then fails still fails the file.
func TestAnotherHashAlgorithmFindsTheLibraryCopy(t *testing.T) {
	fx := newFixture(t)
	content := []byte("picture and sound")
	fx.file("card/A001C001.MOV", content)
	if s := fx.run(fx.options(), filepath.Join(fx.dir, "card")); s.Copied != 1 {
		t.Fatalf("first run: %+v", s)
	}
	fx.file("copy/A001C001.MOV", content) // another path and time: not the same source
	opts := fx.options()
	opts.Hash = "md5"
	if s := fx.run(opts, filepath.Join(fx.dir, "copy")); s.Known != 1 || s.Failed != 0 {
		t.Fatalf("md5 run: known %d, failed %d %v", s.Known, s.Failed, s.Failures)
	}
	opts.Backups = []string{fx.blockedBackup("shuttle")}
	s, _ := New(opts, fx.cat, nil, nil).Run(context.Background(), []string{filepath.Join(fx.dir, "copy")})
	if s.Failed != 1 || !strings.Contains(fmt.Sprint(s.Failures), "in the library already, but") {
		t.Errorf("failing backup: %+v", s)
	}
	if clips, files, _ := fx.cat.Counts(context.Background()); clips != 1 || files != 1 {
		t.Errorf("catalog holds %d clips, %d files; want 1 and 1", clips, files)
	}
}

// Empty files are not duplicates of each other: a second card's empty
// marker file is copied like the first's, and the same source file ingested
// again is still known.
func TestEmptyFilesAreNotDuplicates(t *testing.T) {
	fx := newFixture(t)
	fx.file("card1/MARKER.BIN", nil)
	fx.file("card2/STATUS.BIN", nil)
	if s := fx.run(fx.options(), filepath.Join(fx.dir, "card1")); s.Copied != 1 {
		t.Fatalf("card1: %+v", s)
	}
	if s := fx.run(fx.options(), filepath.Join(fx.dir, "card2")); s.Copied != 1 || s.Known != 0 {
		t.Fatalf("card2: copied %d, known %d; want the empty file copied", s.Copied, s.Known)
	}
	if s := fx.run(fx.options(), filepath.Join(fx.dir, "card2")); s.Copied != 0 || s.Known != 1 {
		t.Errorf("card2 again: copied %d, known %d", s.Copied, s.Known)
	}
}

// Move mode deletes a source only once every copy is verified.
func TestMoveModeNeverDeletesAnUnverifiedSource(t *testing.T) {
	fx := newFixture(t)
	kept := fx.file("card1/C0001.MP4", []byte("first clip"))
	opts := fx.options()
	opts.Move = true
	// A backup that fails at the copy (the preflight refuses one that
	// cannot be written at all).
	opts.Backups = []string{fx.blockedBackup("shuttle")}
	s, _ := New(opts, fx.cat, nil, nil).Run(context.Background(), []string{filepath.Join(fx.dir, "card1")})
	if s.Failed != 1 {
		t.Errorf("failing backup: %+v", s)
	}
	if _, err := os.Stat(kept); err != nil {
		t.Fatalf("move mode deleted a source whose backup failed: %v", err)
	}
	moved := fx.file("card2/C0002.MP4", []byte("second clip"))
	opts.Backups = nil
	if s := fx.run(opts, filepath.Join(fx.dir, "card2")); s.Copied != 1 {
		t.Fatalf("%+v", s)
	}
	if _, err := os.Stat(moved); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("move mode kept a verified source (%v)", err)
	}
	clips, _ := fx.cat.Clips(context.Background(), catalog.Filter{Search: "C0002"})
	if len(clips) != 1 {
		t.Fatalf("moved clip not in the catalog")
	}
	if b, err := os.ReadFile(clips[0].LibraryPath); err != nil || string(b) != "second clip" {
		t.Errorf("moved clip in the library: %q %v", b, err)
	}
}

func TestVerifySourcePasses(t *testing.T) {
	fx := newFixture(t)
	fx.file("card/C0001.MP4", bytes.Repeat([]byte{7}, 1<<20))
	opts := fx.options()
	opts.VerifySource = true
	if s := fx.run(opts, filepath.Join(fx.dir, "card")); s.Copied != 1 || s.Failed != 0 {
		t.Errorf("%+v", s)
	}
}

func TestSecondProcessOnOneLibraryIsRefused(t *testing.T) {
	fx := newFixture(t)
	fx.file("card/C0001.MP4", []byte("x"))
	lock, err := lockLibrary(fx.lib)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release()
	// flock is per open file description: a second open in this process conflicts too.
	_, err = New(fx.options(), fx.cat, nil, nil).Run(context.Background(), []string{filepath.Join(fx.dir, "card")})
	if !errors.Is(err, ErrBusy) {
		t.Errorf("got %v, want ErrBusy", err)
	}
}

func TestGroupByDestKeepsPlanOrder(t *testing.T) {
	clip := func(key string, dests ...string) PlannedClip {
		pc := PlannedClip{Key: key}
		for _, d := range dests {
			pc.Files = append(pc.Files, Planned{Dest: d})
		}
		return pc
	}
	plan := []PlannedClip{clip("first", "a", "a.xml"), clip("b", "b"), clip("second", "c", "a.xml"), clip("d", "d")}
	g := groupByDest(plan)
	if len(g) != 3 || len(g[0]) != 2 || g[0][0].Key != "first" || g[0][1].Key != "second" {
		t.Errorf("groups %+v", g)
	}
}

// The files of one recording become one clip whose files travel together.
func TestFilesOfOneRecordingAreOneClip(t *testing.T) {
	fx := newFixture(t)
	for _, n := range []string{"DCIM/100GOPRO/GX011234.MP4", "DCIM/100GOPRO/GX021234.MP4", "DCIM/100GOPRO/GL011234.LRV",
		"DCIM/100GOPRO/GX011234.THM", "DCIM/100GOPRO/GX011235.MP4"} {
		fx.file("gopro/"+n, []byte(n))
	}
	for _, n := range []string{"PRIVATE/M4ROOT/CLIP/C0001.MP4", "PRIVATE/M4ROOT/CLIP/C0001M01.XML", "PRIVATE/M4ROOT/THMBNL/C0001T01.JPG"} {
		fx.file("sony/"+n, []byte(n))
	}
	for _, n := range []string{"Scene_1_2AG-T001.TAKE/Scene_1_2AG-T001_Tr1.WAV", "Scene_1_2AG-T001.TAKE/Scene_1_2AG-T001_Tr2.WAV"} {
		fx.file("zoom/"+n, []byte(n))
	}
	fx.run(fx.options(), filepath.Join(fx.dir, "gopro"), filepath.Join(fx.dir, "sony"), filepath.Join(fx.dir, "zoom"))
	clips, err := fx.cat.Clips(context.Background(), catalog.Filter{Sort: "name"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"C0001.MP4":                "C0001.MP4:media C0001M01.XML:sidecar C0001T01.JPG:thumbnail",
		"GX011234.MP4":             "GX011234.MP4:media GX021234.MP4:media GL011234.LRV:proxy GX011234.THM:thumbnail",
		"GX011235.MP4":             "GX011235.MP4:media",
		"Scene_1_2AG-T001_Tr1.WAV": "Scene_1_2AG-T001_Tr1.WAV:media Scene_1_2AG-T001_Tr2.WAV:media",
	}
	if len(clips) != len(want) {
		t.Fatalf("%d clips, want %d", len(clips), len(want))
	}
	for _, c := range clips {
		var got []string
		dir := filepath.Dir(c.LibraryPath)
		for _, f := range c.Files {
			got = append(got, filepath.Base(f.Path)+":"+f.Role)
			if filepath.Dir(f.Path) != dir {
				t.Errorf("%s: file %s is not in the clip's folder %s", c.Name, f.Path, dir)
			}
		}
		if w := want[c.Name]; strings.Join(got, " ") != w {
			t.Errorf("clip %s files %q, want %q", c.Name, strings.Join(got, " "), w)
		}
	}
}

// An AVCHD card's BDMV tree arrives whole in the library.
func TestAVCHDStructureStaysWhole(t *testing.T) {
	fx := newFixture(t)
	for _, n := range []string{"PRIVATE/AVCHD/BDMV/STREAM/00000.MTS", "PRIVATE/AVCHD/BDMV/STREAM/00001.MTS",
		"PRIVATE/AVCHD/BDMV/CLIPINF/00000.CPI", "PRIVATE/AVCHD/BDMV/CLIPINF/00001.CPI",
		"PRIVATE/AVCHD/BDMV/PLAYLIST/00000.MPL", "PRIVATE/AVCHD/BDMV/INDEX.BDM", "PRIVATE/AVCHD/BDMV/MOVIEOBJ.BDM"} {
		fx.file("card/"+n, []byte(n))
	}
	fx.run(fx.options(), filepath.Join(fx.dir, "card"))
	clips, _ := fx.cat.Clips(context.Background(), catalog.Filter{})
	var base string
	n := 0
	for _, c := range clips {
		for _, f := range c.Files {
			n++
			i := strings.Index(f.Path, "/AVCHD/BDMV/")
			if i < 0 {
				t.Errorf("%s is not inside the kept AVCHD/BDMV tree", f.Path)
				continue
			}
			if base == "" {
				base = f.Path[:i]
			}
			if f.Path[:i] != base {
				t.Errorf("%s is under %s, not %s: the tree was split", f.Path, f.Path[:i], base)
			}
			src := strings.TrimPrefix(f.SourcePath, filepath.Join(fx.dir, "card", "PRIVATE"))
			if !strings.HasSuffix(f.Path, src) {
				t.Errorf("%s does not keep its path %s", f.Path, src)
			}
		}
	}
	if n != 7 {
		t.Errorf("%d files catalogued, want 7", n)
	}
}

// One card copied into two folders (a travel drive's copy and the file
// server's) and ingested at once: the copies are one recording, planned to
// one library path. The library and the catalog hold it once, the second
// copy is a duplicate; a same-named file with other content is kept beside
// it under a clash name.
func TestSameCardTwiceInOneRun(t *testing.T) {
	fx := newFixture(t)
	clip := bytes.Repeat([]byte("frame"), 10_000)
	side := []byte("camera notes")
	for _, copy := range []string{"travel", "server"} {
		fx.file("drop/"+copy+"/A002R2EC/Clips/A002C006_141024_R2EC.mov", clip)
		fx.file("drop/"+copy+"/A002R2EC/Sidecar.txt", side)
	}
	s := fx.run(fx.options(), filepath.Join(fx.dir, "drop"))
	if s.Copied != 2 || s.Known != 2 || s.Failed != 0 {
		t.Fatalf("copied %d, known %d, failed %d %v; want 2 copied, 2 duplicates", s.Copied, s.Known, s.Failed, s.Failures)
	}
	if clips, files, _ := fx.cat.Counts(context.Background()); files != 2 {
		t.Errorf("catalog holds %d clips, %d files; want 2 files", clips, files)
	}
	fx.file("drop2/other/A002R2EC/Clips/A002C006_141024_R2EC.mov", bytes.Repeat([]byte("frame"), 9_999))
	fx.file("drop2/again/A002R2EC/Clips/A002C006_141024_R2EC.mov", clip)
	s = fx.run(fx.options(), filepath.Join(fx.dir, "drop2"))
	if s.Copied != 1 || s.Known != 1 || s.Failed != 0 {
		t.Fatalf("second run: copied %d, known %d, failed %d %v; want 1 copied, 1 duplicate", s.Copied, s.Known, s.Failed, s.Failures)
	}
	if _, files, _ := fx.cat.Counts(context.Background()); files != 3 {
		t.Errorf("catalog holds %d files; want 3", files)
	}
}
