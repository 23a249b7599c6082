package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rushes/rushes/media"
)

// openTest opens a fresh catalog in a temp library.
func openTest(t *testing.T) (*Catalog, string) {
	t.Helper()
	lib := t.TempDir()
	c, err := Open(context.Background(), filepath.Join(lib, ".rushes", "catalog.db"), Options{Library: lib})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c, lib
}

func sampleClip(lib, name, scene, date string) Clip {
	p := filepath.Join(lib, date, scene, "A", name)
	return Clip{
		Name: name, Kind: media.KindVideo, Date: date, Scene: scene, Take: "1", Camera: "A",
		Rate: media.Rate23976, Duration: 12.5, SizeBytes: 100, LibraryPath: p,
		SourcePath: "/card/" + name, HashAlgo: "xxh128", Hash: "00ff" + name,
		Provenance: map[string]string{"date": media.FromFileMtime},
		Files: []File{{Path: p, Role: "media", SizeBytes: 100, HashAlgo: "xxh128", Hash: "00ff" + name,
			SourcePath: "/card/" + name, SourceMtime: time.Unix(1700000000, 5)}},
	}
}

func TestMigrateEmptyAndExisting(t *testing.T) {
	ctx := context.Background()
	lib := t.TempDir()
	path := filepath.Join(lib, "c.db")
	c, err := Open(ctx, path, Options{Library: lib})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.AddClip(ctx, 0, sampleClip(lib, "C0001.MP4", "12", "2026-11-02")); err != nil {
		t.Fatal(err)
	}
	v, _ := userVersion(ctx, c.read)
	if v != SchemaVersion() || v < 1 {
		t.Fatalf("user_version %d, want %d", v, SchemaVersion())
	}
	c.Close()

	// Reopening an existing catalog keeps its rows and applies nothing twice.
	c, err = Open(ctx, path, Options{Library: lib})
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer c.Close()
	clips, files, err := c.Counts(ctx)
	if err != nil || clips != 1 || files != 1 {
		t.Fatalf("after reopen: %d clips, %d files, %v", clips, files, err)
	}
	var fk, wal string
	c.read.QueryRow("PRAGMA foreign_keys").Scan(&fk)
	c.read.QueryRow("PRAGMA journal_mode").Scan(&wal)
	if fk != "1" || wal != "wal" {
		t.Errorf("foreign_keys=%s journal_mode=%s, want 1 and wal", fk, wal)
	}
}

func TestRefusesNewerCatalog(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "c.db")
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(fmt.Sprintf("PRAGMA user_version = %d", SchemaVersion()+1)); err != nil {
		t.Fatal(err)
	}
	db.Close()
	before, _ := os.ReadFile(path)
	_, err = Open(ctx, path, Options{})
	if !errors.Is(err, ErrTooNew) || !strings.Contains(err.Error(), "upgrade rushes") {
		t.Fatalf("got %v, want ErrTooNew telling to upgrade", err)
	}
	after, _ := os.ReadFile(path)
	if string(before) != string(after) {
		t.Error("refusing a newer catalog changed it")
	}
}

func TestMustExist(t *testing.T) {
	_, err := Open(context.Background(), filepath.Join(t.TempDir(), "none.db"), Options{MustExist: true})
	if !errors.Is(err, ErrNoCatalog) {
		t.Fatalf("got %v, want ErrNoCatalog", err)
	}
}

func TestClipsFilters(t *testing.T) {
	ctx := context.Background()
	c, lib := openTest(t)
	add := func(cl Clip) {
		t.Helper()
		if _, err := c.AddClip(ctx, 0, cl); err != nil {
			t.Fatal(err)
		}
	}
	add(sampleClip(lib, "A001.MOV", "12", "2026-11-01"))
	add(sampleClip(lib, "A002.MOV", "12", "2026-11-02"))
	b := sampleClip(lib, "B001.WAV", "47B", "2026-11-02")
	b.Kind, b.Camera = media.KindAudio, "sound"
	add(b)

	cases := []struct {
		name string
		f    Filter
		want []string
	}{
		{"all", Filter{}, []string{"A001.MOV", "A002.MOV", "B001.WAV"}},
		{"scene", Filter{Scene: "12"}, []string{"A001.MOV", "A002.MOV"}},
		{"scene case-insensitive", Filter{Scene: "47b"}, []string{"B001.WAV"}},
		{"date", Filter{Date: "2026-11-02"}, []string{"A002.MOV", "B001.WAV"}},
		{"from", Filter{From: "2026-11-02"}, []string{"A002.MOV", "B001.WAV"}},
		{"to", Filter{To: "2026-11-01"}, []string{"A001.MOV"}},
		{"kind", Filter{Kind: "audio"}, []string{"B001.WAV"}},
		{"camera", Filter{Camera: "a"}, []string{"A001.MOV", "A002.MOV"}},
		{"scene and date", Filter{Scene: "12", Date: "2026-11-02"}, []string{"A002.MOV"}},
		{"limit", Filter{Limit: 1}, []string{"A001.MOV"}},
		{"search name prefix", Filter{Search: "B001"}, []string{"B001.WAV"}},
		{"search hostile", Filter{Search: `"NEAR( * OR`}, nil},
		{"sort name", Filter{Sort: "name", Limit: 2}, []string{"A001.MOV", "A002.MOV"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := c.Clips(ctx, tc.f)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, cl := range got {
				names = append(names, cl.Name)
			}
			if strings.Join(names, ",") != strings.Join(tc.want, ",") {
				t.Errorf("got %v, want %v", names, tc.want)
			}
		})
	}
	if _, err := c.Clips(ctx, Filter{Sort: "nonsense"}); err == nil {
		t.Error("unknown sort accepted")
	}
}

func TestFindClip(t *testing.T) {
	ctx := context.Background()
	c, lib := openTest(t)
	first := sampleClip(lib, "C0002.MP4", "12", "2026-11-01")
	id, err := c.AddClip(ctx, 0, first)
	if err != nil {
		t.Fatal(err)
	}
	twin := sampleClip(lib, "C0009.MP4", "13", "2026-11-01")
	twin2 := sampleClip(lib, "C0009.MP4", "14", "2026-11-01")
	twin2.SourcePath = "/card2/C0009.MP4"
	twin2.Files[0].SourcePath = twin2.SourcePath
	for _, cl := range []Clip{twin, twin2} {
		if _, err := c.AddClip(ctx, 0, cl); err != nil {
			t.Fatal(err)
		}
	}
	for _, ref := range []string{fmt.Sprint(id), first.LibraryPath, "2026-11-01/12/A/C0002.MP4", "/card/C0002.MP4", "C0002.MP4", "C0002"} {
		got, err := c.FindClip(ctx, ref)
		if err != nil || got.ID != id {
			t.Errorf("FindClip(%q) = %d, %v; want %d", ref, got.ID, err, id)
		}
		if got.LibraryPath != first.LibraryPath {
			t.Errorf("FindClip(%q) library path %q, want absolute %q", ref, got.LibraryPath, first.LibraryPath)
		}
	}
	if _, err := c.FindClip(ctx, "C0009"); !errors.Is(err, ErrAmbiguous) {
		t.Errorf("ambiguous name: got %v", err)
	}
	if _, err := c.FindClip(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing clip: got %v", err)
	}
}

func TestKnownSourceAndHash(t *testing.T) {
	ctx := context.Background()
	c, lib := openTest(t)
	cl := sampleClip(lib, "C0001.MP4", "12", "2026-11-01")
	if _, err := c.AddClip(ctx, 0, cl); err != nil {
		t.Fatal(err)
	}
	f := cl.Files[0]
	if got, ok, err := c.KnownSource(ctx, f.SourcePath, f.SizeBytes, f.SourceMtime); err != nil || !ok || got.Path != f.Path {
		t.Errorf("KnownSource: %v %v %v", got, ok, err)
	}
	if _, ok, _ := c.KnownSource(ctx, f.SourcePath, f.SizeBytes, f.SourceMtime.Add(time.Second)); ok {
		t.Error("a source with another mtime counted as known")
	}
	if _, ok, _ := c.FileByHash(ctx, "xxh128", f.Hash, f.SizeBytes, -1); !ok {
		t.Error("FileByHash missed")
	}
	if got, ok, err := c.FileAt(ctx, f.Path); err != nil || !ok || got.Hash != f.Hash || got.ClipID == 0 {
		t.Errorf("FileAt %s: %+v %v %v", f.Path, got, ok, err)
	}
	if _, ok, err := c.FileAt(ctx, filepath.Join(lib, "elsewhere.MP4")); ok || err != nil {
		t.Errorf("FileAt found a path never recorded (%v)", err)
	}
	if _, _, err := c.FileAt(ctx, "/outside/the/library.MP4"); err == nil {
		t.Error("FileAt accepted a path outside the library")
	}
}

func TestRunsAndJournal(t *testing.T) {
	ctx := context.Background()
	c, lib := openTest(t)
	id, err := c.StartRun(ctx, []string{"/card"})
	if err != nil {
		t.Fatal(err)
	}
	e := Entry{RunID: id, Source: "/card/x.mov", Size: 5, Dest: filepath.Join(lib, "x.mov"), State: StateCopying}
	if err := c.Journal(ctx, e); err != nil {
		t.Fatal(err)
	}
	e.State, e.Err = StateFailed, "boom"
	if err := c.Journal(ctx, e); err != nil {
		t.Fatal(err)
	}
	if err := c.Journal(ctx, Entry{RunID: id, Source: "/x", Dest: "/elsewhere/x", State: StatePlanned}); err == nil {
		t.Error("journal accepted a destination outside the library")
	}
	// A run whose process is gone is interrupted; our own is left alone.
	if _, err := c.write.Exec(`UPDATE runs SET pid = 999999999 WHERE id = ?`, id); err != nil {
		t.Fatal(err)
	}
	dead, err := c.InterruptDeadRuns(ctx, func(int) bool { return false })
	if err != nil || len(dead) != 1 || dead[0] != id {
		t.Fatalf("InterruptDeadRuns = %v, %v", dead, err)
	}
}

// Readers must never see "database is locked" while a writer ingests.
func TestConcurrentReadersWhileWriting(t *testing.T) {
	ctx := context.Background()
	c, lib := openTest(t)
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	stop := make(chan struct{})
	for r := 0; r < 4; r++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				if _, err := c.Clips(ctx, Filter{Scene: "12", Limit: 10}); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	for i := 0; i < 200; i++ {
		if _, err := c.AddClip(ctx, 0, sampleClip(lib, fmt.Sprintf("C%04d.MP4", i), "12", "2026-11-01")); err != nil {
			t.Fatal(err)
		}
	}
	close(stop)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("reader: %v", err)
	}
}
