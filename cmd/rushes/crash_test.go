package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// buildRushes builds the real binary once per test run (TestMain removes it).
func buildRushes(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	built.once.Do(func() {
		if built.dir, built.err = os.MkdirTemp("", "rushes-bin"); built.err != nil {
			return
		}
		built.bin = filepath.Join(built.dir, "rushes")
		cmd := exec.Command("go", "build", "-tags", "sqlite_fts5", "-o", built.bin, ".")
		built.out, built.err = cmd.CombinedOutput()
	})
	if built.err != nil {
		t.Fatalf("build rushes: %v\n%s", built.err, built.out)
	}
	return built.bin
}

// TestIngestSurvivesKillDuringCopy kills a real ingest with SIGKILL at
// several points, then runs it again: every source file must end up in the
// library and in the backup exactly once with the right bytes, and no
// partial file remains in either.
func TestIngestSurvivesKillDuringCopy(t *testing.T) {
	bin := buildRushes(t)
	dir := t.TempDir()
	card := filepath.Join(dir, "card")
	want := map[string][]byte{"CLIP/BIG.MOV": pseudoRandom(96<<20, 7)}
	for i := 0; i < 12; i++ {
		want[fmt.Sprintf("CLIP/C%04d.MP4", i)] = pseudoRandom(200_000+i, uint64(i))
	}
	for rel, b := range want {
		writeFile(t, card, rel, b)
	}
	lib := filepath.Join(dir, "library")
	shuttle := filepath.Join(dir, "shuttle")
	args := []string{"ingest", card, "--library", lib, "--backups", shuttle}
	// Kill points: after N files were verified (0: during the first copies).
	for _, after := range []int{0, 3, 7, 11} {
		killAfter(t, bin, dir, lib, after, args)
	}
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "XDG_CONFIG_HOME="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("final ingest: %v\n%s", err, out)
	}
	checkLibraryHoldsExactly(t, lib, want)
	checkLibraryHoldsExactly(t, shuttle, want)
	cmd = exec.Command(bin, "clips", "--format", "paths", "--library", lib)
	cmd.Dir = dir
	out, err := cmd.Output()
	if n := strings.Count(string(out), "\n"); err != nil || n != len(want) {
		t.Errorf("catalog lists %d clips (%v), want %d", n, err, len(want))
	}
}

// killAfter runs rushes with args and kills it once verified files were
// reported (0: once a partial file is in lib).
func killAfter(t *testing.T, bin, dir, lib string, verified int, args []string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "XDG_CONFIG_HOME="+dir)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		sc := bufio.NewScanner(stderr)
		n := 0
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), "verified ") {
				n++
			}
			if n >= verified {
				return
			}
		}
	}()
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		t.Log("kill point not reached in time")
	}
	if verified == 0 && !waitForPartial(lib, 10*time.Second) {
		t.Error("no partial file seen: the kill did not land during a copy")
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
}

func waitForPartial(lib string, limit time.Duration) bool {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		found := false
		filepath.WalkDir(lib, func(p string, d fs.DirEntry, err error) error {
			if err == nil && strings.Contains(d.Name(), "rushes-partial") {
				found = true
			}
			return nil
		})
		if found {
			return true
		}
		time.Sleep(5 * time.Millisecond)
	}
	return false
}

// checkLibraryHoldsExactly asserts every wanted file is in the library once,
// byte for byte, and nothing else but the catalog is there.
func checkLibraryHoldsExactly(t *testing.T, lib string, want map[string][]byte) {
	t.Helper()
	seen := map[string]int{}
	err := filepath.WalkDir(lib, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == ".rushes" || d.Name() == "ascmhl" {
				return fs.SkipDir
			}
			return nil
		}
		if strings.Contains(d.Name(), "rushes-partial") {
			t.Errorf("partial file left: %s", p)
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for rel, w := range want {
			if filepath.Base(rel) == d.Name() {
				if !bytes.Equal(b, w) {
					t.Errorf("%s differs from its source", p)
				}
				seen[rel]++
				return nil
			}
		}
		t.Errorf("unexpected file in the library: %s", p)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for rel := range want {
		if seen[rel] != 1 {
			t.Errorf("%s is in the library %d times, want once", rel, seen[rel])
		}
	}
}
