package watcher

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

func TestSlowWriteIsNotDeliveredUntilItStopsGrowing(t *testing.T) {
	root := t.TempDir()
	_, s := openWatcher(t, Options{Roots: []Root{{Path: root}}})
	p := filepath.Join(root, "A001", "C0001.MP4")
	write(t, p, 1024)
	// Twelve pieces, 50 ms apart, each through a fresh open: 600 ms of writing against a
	// 200 ms settle, and no writer holds the file open between pieces.
	for i := 0; i < 12; i++ {
		time.Sleep(testSettle / 4)
		appendTo(t, p, 1024)
		if got := s.list(); len(got) > 0 {
			t.Fatalf("delivered %v while the file was still growing", got)
		}
	}
	last := time.Now()
	s.waitFiles(t, 5*time.Second, p)
	if f := s.files()[p]; f.Size != 13*1024 {
		t.Errorf("delivered size %d, want the final %d", f.Size, 13*1024)
	}
	if at := s.at[0]; at.Sub(last) < testSettle*9/10 {
		t.Errorf("delivered %v after the last write, before the settle time %v", at.Sub(last), testSettle)
	}
}

func TestFileOpenForWritingIsHeldUntilClosed(t *testing.T) {
	root := t.TempDir()
	_, s := openWatcher(t, Options{Roots: []Root{{Path: root}}})
	p := filepath.Join(root, "A001", "C0002.MP4")
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.Write(make([]byte, 4096)); err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS == "linux" {
		s.quiet(t, 4*testSettle) // settled long ago, but a writer holds it
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	s.waitFiles(t, 5*time.Second, p)
}

func TestFileOpenForReadingIsDelivered(t *testing.T) {
	root := t.TempDir()
	p := write(t, filepath.Join(root, "A001", "C0003.MP4"), 100)
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	_, s := openWatcher(t, Options{Roots: []Root{{Path: root}}})
	s.waitFiles(t, 5*time.Second, p)
}

func TestNestedFoldersCreatedAfterStartAreWatched(t *testing.T) {
	root := t.TempDir()
	_, s := openWatcher(t, Options{Roots: []Root{{Path: root}}})
	card := filepath.Join(root, "CARD01")
	deep := filepath.Join(card, "PRIVATE", "M4ROOT", "CLIP")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	// Created at once: most of these exist before the watch on their folder does.
	want := []string{
		write(t, filepath.Join(card, "README.TXT"), 10),
		write(t, filepath.Join(card, "PRIVATE", "a.xml"), 10),
		write(t, filepath.Join(card, "PRIVATE", "M4ROOT", "b.xml"), 10),
		write(t, filepath.Join(deep, "C0001.MP4"), 10),
		write(t, filepath.Join(deep, "C0002.MP4"), 10),
	}
	s.waitFiles(t, 5*time.Second, want...)
	// The deepest folder is watched: a later file there arrives by its event (no reconcile).
	late := write(t, filepath.Join(deep, "C0003.MP4"), 10)
	s.waitFiles(t, 5*time.Second, late)
	for _, d := range s.list() {
		if d.Path != card {
			t.Errorf("drop %s, want every file in the card's drop %s", d.Path, card)
		}
	}
}

func TestFolderRenamedIntoAndWithinRootIsWatched(t *testing.T) {
	root, outside := t.TempDir(), t.TempDir()
	_, s := openWatcher(t, Options{Roots: []Root{{Path: root}}})
	src := filepath.Join(outside, "A002")
	write(t, filepath.Join(src, "CLIPS", "A002C001.MOV"), 10)
	write(t, filepath.Join(src, "CLIPS", "A002C002.MOV"), 10)
	card := filepath.Join(root, "A002")
	if err := os.Rename(src, card); err != nil {
		t.Fatal(err)
	}
	s.waitFiles(t, 5*time.Second, filepath.Join(card, "CLIPS", "A002C001.MOV"), filepath.Join(card, "CLIPS", "A002C002.MOV"))
	s.waitFiles(t, 5*time.Second, write(t, filepath.Join(card, "CLIPS", "A002C003.MOV"), 10))

	// Renamed within the root: the subfolder's watch must follow the new name.
	renamed := filepath.Join(root, "A002_DAY2")
	if err := os.Rename(card, renamed); err != nil {
		t.Fatal(err)
	}
	late := write(t, filepath.Join(renamed, "CLIPS", "A002C004.MOV"), 10)
	s.waitFiles(t, 5*time.Second, late, filepath.Join(renamed, "CLIPS", "A002C001.MOV"))
	for p := range s.files() {
		if filepath.Base(p) == "A002C004.MOV" && p != late {
			t.Errorf("file reported under stale path %s", p)
		}
	}
}

func TestPollModeFindsFilesWithoutEvents(t *testing.T) {
	root := t.TempDir()
	w, s := openWatcher(t, Options{Roots: []Root{{Path: root, Poll: true}}, PollInterval: 100 * time.Millisecond})
	st := w.Status()
	if st.Roots[0].Mode != ModePolling || st.Watches != 0 {
		t.Fatalf("status %+v, want polling and no watches", st.Roots[0])
	}
	p := filepath.Join(root, "SHARE_CARD", "sub", "clip.mxf")
	write(t, p, 100)
	s.waitFiles(t, 5*time.Second, p)
	// Growth seen only by polling holds the file back too.
	q := filepath.Join(root, "SHARE_CARD", "growing.mxf")
	write(t, q, 1)
	for i := 0; i < 6; i++ {
		time.Sleep(testSettle / 4)
		appendTo(t, q, 1)
		if _, ok := s.files()[q]; ok {
			t.Fatal("growing file delivered while polled")
		}
	}
	s.waitFiles(t, 5*time.Second, q)
	if got := s.files()[q].Size; got != 7 {
		t.Errorf("size %d, want 7", got)
	}
}

func TestJunkIgnoredAndExcludedAreSkipped(t *testing.T) {
	root := t.TempDir()
	card := filepath.Join(root, "CARD")
	junk := []string{".DS_Store", "._C0001.MP4", "Thumbs.db", ".Trashes/501/x.MP4", "System Volume Information/IndexerVolumeGuid", "proxy.tmp", "library/2024/x.MP4"}
	for _, j := range junk {
		write(t, filepath.Join(card, j), 10)
	}
	keep := write(t, filepath.Join(card, "C0001.MP4"), 10)
	_, s := openWatcher(t, Options{Roots: []Root{{Path: root}}, Ignore: []string{"*.tmp"}, Exclude: []string{filepath.Join(card, "library")}})
	for _, j := range junk[:len(junk)-1] { // and again while watching
		write(t, filepath.Join(card, "later", j), 10)
		appendTo(t, filepath.Join(card, j), 1)
	}
	write(t, filepath.Join(card, "library", "2025", "y.MP4"), 10)
	late := write(t, filepath.Join(card, "later", "C0002.MP4"), 10)
	s.waitFiles(t, 5*time.Second, keep, late)
	time.Sleep(2 * testSettle)
	if got := sorted(s.files()); !slices.Equal(got, []string{keep, late}) {
		t.Errorf("delivered %v, want only %v", got, []string{keep, late})
	}
}

func TestKnownFilesAreNotDelivered(t *testing.T) {
	root := t.TempDir()
	done := write(t, filepath.Join(root, "A003", "C0001.MP4"), 100)
	fresh := write(t, filepath.Join(root, "A003", "C0002.MP4"), 100)
	known := func(_ context.Context, f File) (bool, error) { return f.Path == done && f.Size == 100, nil }
	var changed atomic.Value
	report := func(was, now File) { changed.Store([2]File{was, now}) }
	_, s := openWatcher(t, Options{Roots: []Root{{Path: root}}, Known: known, Changed: report})
	s.waitFiles(t, 5*time.Second, fresh)
	time.Sleep(2 * testSettle)
	drops := s.list()
	if len(drops) != 1 || len(drops[0].Files) != 1 || drops[0].Earlier != 1 {
		t.Fatalf("drops %+v, want one with the fresh file and one earlier", drops)
	}
	// The known file is part of the card: a report of the drop counts it.
	if d := drops[0].Done; len(d) != 1 || d[0].Path != done || d[0].Size != 100 {
		t.Errorf("Done = %+v, want the known file %s", d, done)
	}
	appendTo(t, done, 1) // changed since it was offloaded: a new version
	s.waitFiles(t, 5*time.Second, done)
	c, _ := changed.Load().([2]File)
	if c[0].Path != done || c[0].Size != 100 || c[1].Size != 101 {
		t.Errorf("Changed heard %+v, want %s going from 100 to 101 bytes", c, done)
	}
}

func TestDropsGroupPerCardFolderAndLooseFile(t *testing.T) {
	root := t.TempDir()
	a1 := write(t, filepath.Join(root, "A001", "C0001.MP4"), 1)
	a2 := write(t, filepath.Join(root, "A001", "SUB", "C0001M01.XML"), 1)
	b1 := write(t, filepath.Join(root, "SOUND_D1", "T001.WAV"), 1)
	loose := write(t, filepath.Join(root, "phone.mov"), 1)
	_, s := openWatcher(t, Options{Roots: []Root{{Path: root}}})
	s.waitFiles(t, 5*time.Second, a1, a2, b1, loose)
	got := map[string][]string{}
	for _, d := range s.list() {
		if d.Root != root {
			t.Errorf("drop root %s, want %s", d.Root, root)
		}
		for _, f := range d.Files {
			got[d.Path] = append(got[d.Path], f.Path)
		}
	}
	want := map[string][]string{
		filepath.Join(root, "A001"):     {a1, a2},
		filepath.Join(root, "SOUND_D1"): {b1},
		loose:                           {loose},
	}
	for k, v := range want {
		if !slices.Equal(got[k], v) {
			t.Errorf("drop %s: %v, want %v", k, got[k], v)
		}
	}
	if len(got) != len(want) {
		t.Errorf("drops %v, want %v", got, want)
	}
}

func TestCardRootIsOneDrop(t *testing.T) {
	root := t.TempDir()
	a := write(t, filepath.Join(root, "DCIM", "100GOPRO", "GX010001.MP4"), 1)
	b := write(t, filepath.Join(root, "MISC", "x.dat"), 1)
	_, s := openWatcher(t, Options{Roots: []Root{{Path: root, Card: true}}})
	s.waitFiles(t, 5*time.Second, a, b)
	if d := s.list(); len(d) != 1 || d[0].Path != root || len(d[0].Files) != 2 {
		t.Errorf("drops %+v, want the whole root as one drop", d)
	}
}

func TestDeletedBeforeSettleIsNeverDelivered(t *testing.T) {
	root := t.TempDir()
	_, s := openWatcher(t, Options{Roots: []Root{{Path: root}}})
	p := write(t, filepath.Join(root, "A004", "partial.mov.tmp1"), 10)
	time.Sleep(20 * time.Millisecond)
	if err := os.Rename(p, filepath.Join(root, "A004", "C0001.MOV")); err != nil {
		t.Fatal(err)
	}
	s.waitFiles(t, 5*time.Second, filepath.Join(root, "A004", "C0001.MOV"))
	if _, ok := s.files()[p]; ok {
		t.Errorf("renamed-away %s delivered", p)
	}
}

func TestCloseIsPromptAndLeaksNoGoroutines(t *testing.T) {
	before := runtime.NumGoroutine()
	root := t.TempDir()
	for i := 0; i < 50; i++ {
		write(t, filepath.Join(root, "CARD", "sub", "f"+string(rune('a'+i%26))+string(rune('a'+i/26))), 1)
	}
	w := New(Options{Roots: []Root{{Path: root}}, Settle: testSettle, PollInterval: 50 * time.Millisecond})
	if err := w.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(root, "CARD2", "x"), 1) // work in flight, nobody reading Drops
	time.Sleep(2 * testSettle)
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := w.Close(ctx); err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took > 500*time.Millisecond {
		t.Errorf("close took %v", took)
	}
	if _, ok := <-w.Drops(); ok {
		t.Error("Drops still open after Close")
	}
	waitFor(t, 2*time.Second, "goroutines to end", func() bool { return runtime.NumGoroutine() <= before })
}

func TestOverflowRescanFindsEverything(t *testing.T) {
	root := t.TempDir()
	old := write(t, filepath.Join(root, "A005", "C0001.MP4"), 1)
	w, s := openWatcher(t, Options{Roots: []Root{{Path: root}}})
	s.waitFiles(t, 5*time.Second, old)
	w.unwatch(root) // as if the kernel had dropped every event from here on
	missed := []string{
		write(t, filepath.Join(root, "A005", "C0002.MP4"), 1),
		write(t, filepath.Join(root, "A006", "deep", "C0001.MP4"), 1),
		write(t, filepath.Join(root, "loose.wav"), 1),
	}
	time.Sleep(3 * testSettle)
	if got := len(s.files()); got != 1 {
		t.Fatalf("%d files delivered without events, want 1", got)
	}
	w.fs.Errors <- fsnotify.ErrEventOverflow // what fsnotify reports on IN_Q_OVERFLOW
	s.waitFiles(t, 5*time.Second, missed...)
	if st := w.Status(); st.Watches < 4 {
		t.Errorf("%d watches after the rescan, want every folder watched again", st.Watches)
	}
	s.waitFiles(t, 5*time.Second, write(t, filepath.Join(root, "A006", "deep", "C0002.MP4"), 1))
	if n := s.delivered(); n != 5 {
		t.Errorf("%d files delivered, want 5 (nothing twice)", n)
	}
}

func TestRescanForgetsDeletedFiles(t *testing.T) {
	root := t.TempDir()
	p := write(t, filepath.Join(root, "A007", "C0001.MP4"), 1)
	w, s := openWatcher(t, Options{Roots: []Root{{Path: root, Poll: true}}})
	s.waitFiles(t, 5*time.Second, p)
	if err := os.RemoveAll(filepath.Join(root, "A007")); err != nil {
		t.Fatal(err)
	}
	w.Rescan()
	waitFor(t, 5*time.Second, "deleted file forgotten", func() bool { return w.Status().Files == 0 })
}

func TestStatusReportsRootsAndCounts(t *testing.T) {
	root := t.TempDir()
	missing := filepath.Join(t.TempDir(), "not-yet")
	w, _ := openWatcher(t, Options{Roots: []Root{{Path: root}, {Path: missing}}})
	write(t, filepath.Join(root, "A008", "C0001.MP4"), 1)
	waitFor(t, 5*time.Second, "pending file in status", func() bool {
		st := w.Status()
		return st.Pending == 1 && len(st.Drops) == 1
	})
	st := w.Status()
	if st.Roots[0].Mode != ModeEvents || !st.Roots[1].Missing || st.Watches == 0 || st.OpenCheck == "" {
		t.Errorf("status %+v", st)
	}
}

func TestFilesWaitWhileTheCatalogCannotAnswer(t *testing.T) {
	root := t.TempDir()
	p := write(t, filepath.Join(root, "A009", "C0001.MP4"), 1)
	var up atomic.Bool
	known := func(context.Context, File) (bool, error) {
		if !up.Load() {
			return false, errors.New("catalog is locked")
		}
		return false, nil
	}
	w, s := openWatcher(t, Options{Roots: []Root{{Path: root}}, Known: known})
	s.quiet(t, 3*testSettle)
	if st := w.Status(); st.Pending != 1 || len(st.Errors) == 0 {
		t.Errorf("status %+v, want the file pending and the error reported", st)
	}
	up.Store(true)
	s.waitFiles(t, 5*time.Second, p)
}
