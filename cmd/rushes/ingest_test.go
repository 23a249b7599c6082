package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// snapshot records every file under root: content digest, size, mode and mtime.
func snapshot(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		sum := ""
		if d.Type().IsRegular() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			sum = fmt.Sprintf("%x", sha256.Sum256(b))
		}
		out[p] = fmt.Sprintf("%s %d %v %d", sum, info.Size(), info.Mode(), info.ModTime().UnixNano())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// oddCard builds a nested card with names that break naive tools.
func oddCard(t *testing.T, root string) map[string][]byte {
	t.Helper()
	long := strings.Repeat("Ä", 100) + "_take.MOV" // 209 bytes
	files := map[string][]byte{
		"PRIVATE/M4ROOT/CLIP/C0001.MP4":     pseudoRandom(3<<20+17, 1),
		"PRIVATE/M4ROOT/CLIP/C0001M01.XML":  []byte("<NonRealTimeMeta/>"),
		"Sound Day 3/Szene 12 – Take 3.WAV": pseudoRandom(70_001, 2),
		"日本語/クリップ 01.mov":                   pseudoRandom(4096, 3),
		"deep/a/b/c/d/e/" + long:            pseudoRandom(1, 4),
		"empty.txt":                         {},
	}
	for rel, b := range files {
		writeFile(t, root, rel, b)
	}
	junk := []string{".DS_Store", "PRIVATE/._C0001.MP4", "Thumbs.db", ".Trashes/501/x.MOV", ".Spotlight-V100/Store", ".fseventsd/0001"}
	for _, j := range junk {
		writeFile(t, root, j, []byte("junk"))
	}
	// Cards come out of cameras with old modification times.
	old := time.Date(2026, 11, 2, 14, 30, 0, 0, time.UTC)
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		return os.Chtimes(p, old, old)
	})
	return files
}

type clipJSON struct {
	ID          int64             `json:"id"`
	Name        string            `json:"name"`
	Kind        string            `json:"kind"`
	Date        *string           `json:"date"`
	Scene       *string           `json:"scene"`
	LibraryPath string            `json:"library_path"`
	SourcePath  string            `json:"source_path"`
	HashAlgo    string            `json:"hash_algo"`
	Hash        string            `json:"hash"`
	SizeBytes   int64             `json:"size_bytes"`
	Provenance  map[string]string `json:"provenance"`
	Files       []struct {
		Path       string `json:"path"`
		Hash       string `json:"hash"`
		SourcePath string `json:"source_path"`
	} `json:"files"`
}

func listClips(t *testing.T, e *env, args ...string) []clipJSON {
	t.Helper()
	out, stderr, code := e.run(append([]string{"clips", "--format", "json"}, args...)...)
	if code != 0 {
		t.Fatalf("clips exit %d: %s", code, stderr)
	}
	var clips []clipJSON
	if err := json.Unmarshal([]byte(out), &clips); err != nil {
		t.Fatalf("clips json: %v\n%s", err, out)
	}
	return clips
}

func TestIngestNestedCardWithOddNames(t *testing.T) {
	e := newEnv(t)
	card := filepath.Join(e.dir, "ingest", "A001 card")
	files := oddCard(t, card)
	before := snapshot(t, card)

	out, stderr, code := e.run("ingest", card)
	if code != 0 {
		t.Fatalf("ingest exit %d\nstdout: %s\nstderr: %s", code, out, stderr)
	}
	if after := snapshot(t, card); !equalMaps(before, after) {
		t.Fatal("the source card changed during ingest")
	}
	clips := listClips(t, e)
	// C0001M01.XML travels with C0001.MP4: one clip, two files.
	if len(clips) != len(files)-1 {
		t.Fatalf("%d clips, want %d (junk skipped, sidecar with its clip): %+v", len(clips), len(files)-1, clips)
	}
	seen := 0
	for _, c := range clips {
		for _, f := range c.Files {
			seen++
			if f.SourcePath == "" {
				t.Errorf("file %s has no source path", f.Path)
			}
			rel, _ := filepath.Rel(card, f.SourcePath)
			want, ok := files[filepath.ToSlash(rel)]
			if !ok {
				t.Errorf("unexpected file from %s", f.SourcePath)
				continue
			}
			got, err := os.ReadFile(f.Path)
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("library copy %s differs from source (%v)", f.Path, err)
			}
			if !strings.HasPrefix(f.Path, e.lib+"/2026-11-02/unsorted/") {
				t.Errorf("library path %s, want under {date}/unsorted/", f.Path)
			}
		}
		if c.Provenance["date"] != "file-mtime" || c.HashAlgo != "xxh128" || len(c.Hash) != 32 {
			t.Errorf("clip %s: provenance %v, hash %s %s", c.Name, c.Provenance, c.HashAlgo, c.Hash)
		}
	}
	if seen != len(files) {
		t.Errorf("%d files catalogued, want %d", seen, len(files))
	}
	checkAgainstXXHSum(t, clips)
	partials, _ := filepath.Glob(filepath.Join(e.lib, "*", "*", "*", ".*rushes-partial*"))
	if len(partials) > 0 {
		t.Errorf("partial files left: %v", partials)
	}
}

// checkAgainstXXHSum compares the catalog's hashes with xxhsum -H2 run on
// the library copies: an implementation that is not ours.
func checkAgainstXXHSum(t *testing.T, clips []clipJSON) {
	t.Helper()
	bin, err := exec.LookPath("xxhsum")
	if err != nil {
		if os.Getenv("CI_REQUIRE_TOOLS") != "" {
			t.Fatal("xxhsum not installed; .ci/run should have installed it")
		}
		t.Log("xxhsum not installed: skipping the cross-check")
		return
	}
	for _, c := range clips {
		for _, f := range c.Files {
			out, err := exec.Command(bin, "-H2", f.Path).Output()
			if err != nil {
				t.Fatalf("xxhsum %s: %v", f.Path, err)
			}
			if got := strings.Fields(string(out))[0]; got != f.Hash {
				t.Errorf("%s: catalog says %s, xxhsum -H2 says %s", f.Path, f.Hash, got)
			}
		}
	}
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestSecondIngestAddsNothing(t *testing.T) {
	e := newEnv(t)
	card := filepath.Join(e.dir, "card")
	oddCard(t, card)
	if _, stderr, code := e.run("ingest", card); code != 0 {
		t.Fatalf("first ingest: %d %s", code, stderr)
	}
	first := listClips(t, e)
	libBefore := snapshot(t, e.lib+"/2026-11-02")
	out, stderr, code := e.run("ingest", card)
	if code != 0 {
		t.Fatalf("second ingest: %d %s", code, stderr)
	}
	if !strings.Contains(out, "0 copied") {
		t.Errorf("second ingest summary: %s", out)
	}
	if second := listClips(t, e); len(second) != len(first) {
		t.Errorf("second ingest: %d clips, first %d", len(second), len(first))
	}
	if !equalMaps(libBefore, snapshot(t, e.lib+"/2026-11-02")) {
		t.Error("second ingest changed the library")
	}
}

func TestIngestNameClashKeepsBoth(t *testing.T) {
	e := newEnv(t)
	for i, card := range []string{"A001", "B001"} {
		p := writeFile(t, e.dir, card+"/CLIP/C0001.MP4", pseudoRandom(1000+i, uint64(10+i)))
		old := time.Date(2026, 11, 3, 10, 0, 0, 0, time.Local)
		os.Chtimes(p, old, old)
	}
	if _, stderr, code := e.run("ingest", filepath.Join(e.dir, "A001"), filepath.Join(e.dir, "B001")); code != 0 {
		t.Fatalf("ingest: %s", stderr)
	}
	clips := listClips(t, e)
	if len(clips) != 2 || clips[0].LibraryPath == clips[1].LibraryPath {
		t.Fatalf("clash: %+v", clips)
	}
	names := []string{filepath.Base(clips[0].LibraryPath), filepath.Base(clips[1].LibraryPath)}
	if !(contains(names, "C0001.MP4") && contains(names, "C0001_2.MP4")) {
		t.Errorf("clash names %v, want C0001.MP4 and C0001_2.MP4", names)
	}
}

func TestDryRunWritesNothing(t *testing.T) {
	e := newEnv(t)
	card := filepath.Join(e.dir, "card")
	oddCard(t, card)
	out, stderr, code := e.run("ingest", "--dry-run", card)
	if code != 0 {
		t.Fatalf("dry run: %d %s", code, stderr)
	}
	if !strings.Contains(out, "-> "+e.lib+"/2026-11-02/unsorted/unknown/C0001.MP4") || !strings.Contains(out, "date: 2026-11-02 (from file-mtime)") {
		t.Errorf("dry run plan lacks place or reason:\n%s", out)
	}
	if _, err := os.Stat(e.lib); !os.IsNotExist(err) {
		t.Errorf("dry run created the library (%v)", err)
	}
}

func TestIngestMissingPathFails(t *testing.T) {
	e := newEnv(t)
	_, stderr, code := e.run("ingest", filepath.Join(e.dir, "no-such-card"))
	if code != exitFailed || !strings.Contains(stderr, "no-such-card") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

func TestIngestRefusesTheLibraryItself(t *testing.T) {
	e := newEnv(t)
	writeFile(t, e.lib, "x/clip.mov", []byte("x"))
	_, stderr, code := e.run("ingest", filepath.Join(e.lib, "x"))
	if code == 0 || !strings.Contains(stderr, "inside the library") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}
