package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// daemonEnv runs the real binary against a temp station.
type daemonEnv struct {
	t    *testing.T
	bin  string
	dir  string
	cmd  *exec.Cmd
	logs syncBuffer
}

// syncBuffer collects the daemon's stderr while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func (d *daemonEnv) rushes(args ...string) (string, int) {
	d.t.Helper()
	c := exec.Command(d.bin, args...)
	c.Dir = d.dir
	c.Env = append(os.Environ(), "XDG_CONFIG_HOME="+d.dir)
	out, err := c.Output()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	}
	return string(out), code
}

func (d *daemonEnv) start(args ...string) {
	d.t.Helper()
	d.cmd = exec.Command(d.bin, append([]string{"daemon", "--settle", "300ms"}, args...)...)
	d.cmd.Dir = d.dir
	d.cmd.Env = append(os.Environ(), "XDG_CONFIG_HOME="+d.dir)
	d.cmd.Stderr = &d.logs
	if err := d.cmd.Start(); err != nil {
		d.t.Fatal(err)
	}
	d.t.Cleanup(func() { d.cmd.Process.Kill(); d.cmd.Wait() })
	d.waitFor("status running", func() bool {
		out, _ := d.rushes("status", "--json")
		return strings.Contains(out, `"running": true`)
	})
}

func (d *daemonEnv) waitFor(what string, ok func() bool) time.Duration {
	d.t.Helper()
	start := time.Now()
	for time.Since(start) < 20*time.Second {
		if ok() {
			return time.Since(start)
		}
		time.Sleep(20 * time.Millisecond)
	}
	d.t.Fatalf("timed out waiting for %s; daemon log:\n%s", what, d.logs.String())
	return 0
}

func (d *daemonEnv) clips() int {
	out, _ := d.rushes("clips", "--format", "paths")
	return strings.Count(out, "\n")
}

func TestDaemonIngestsCompleteFilesOnly(t *testing.T) {
	d := &daemonEnv{t: t, bin: buildRushes(t), dir: t.TempDir()}
	os.MkdirAll(filepath.Join(d.dir, "ingest"), 0o755)
	hookOut := filepath.Join(d.dir, "hook.json")
	os.WriteFile(filepath.Join(d.dir, "rushes.yaml"), []byte("hooks:\n  safe: cat > "+hookOut+"\n"), 0o644)
	d.start()

	// A PA drags a card over slowly: the file grows for longer than settle.
	card := filepath.Join(d.dir, "ingest", "A001")
	os.MkdirAll(card, 0o755)
	f, err := os.Create(filepath.Join(card, "C0001.MP4"))
	if err != nil {
		t.Fatal(err)
	}
	chunk := pseudoRandom(64<<10, 3)
	for i := 0; i < 15; i++ {
		f.Write(chunk)
		f.Sync()
		time.Sleep(100 * time.Millisecond)
		if n := d.clips(); n != 0 {
			t.Fatalf("a file still being written was ingested (after %d chunks)", i+1)
		}
	}
	f.Close()
	finished := time.Now()
	d.waitFor("the clip in the catalog", func() bool { return d.clips() == 1 })
	if lag := time.Since(finished); lag > 300*time.Millisecond+2*time.Second {
		t.Errorf("clip catalogued %v after the file was finished, want within settle + 2 s", lag)
	}
	out, _ := d.rushes("clips", "--json")
	if !strings.Contains(out, `"size_bytes": 983040`) {
		t.Errorf("catalogued the wrong size:\n%s", out)
	}
	d.waitFor("the safe hook", func() bool {
		b, _ := os.ReadFile(hookOut)
		return bytes.Contains(b, []byte(`"event":"safe"`))
	})
	// The status' keys are at the top level: the README's jq '.drops[]' works.
	var st struct {
		Running bool                           `json:"running"`
		Roots   []struct{ Mode string }        `json:"roots"`
		Drops   []struct{ Path, State string } `json:"drops"`
	}
	out, _ = d.rushes("status", "--json")
	if err := json.Unmarshal([]byte(out), &st); err != nil || !st.Running || len(st.Roots) != 1 ||
		st.Roots[0].Mode != "events" || len(st.Drops) != 1 || st.Drops[0].State != "safe" {
		t.Errorf("status: %v\n%s", err, out)
	}
	if _, code := d.rushes("daemon"); code == 0 {
		t.Error("a second daemon on the same library started")
	}

	// SIGHUP: an invalid configuration is refused and the daemon keeps
	// running; a valid one (a new layout) applies to the next drop.
	cfgPath := filepath.Join(d.dir, "rushes.yaml")
	os.WriteFile(cfgPath, []byte("hash: crc32\n"), 0o644)
	d.cmd.Process.Signal(syscall.SIGHUP)
	d.waitFor("the invalid configuration refused", func() bool { return strings.Contains(d.logs.String(), "keeping the running one") })
	os.WriteFile(cfgPath, []byte("layout: \"flat/{name}\"\n"), 0o644)
	d.cmd.Process.Signal(syscall.SIGHUP)
	d.waitFor("the reload", func() bool { return strings.Count(d.logs.String(), "daemon started") == 2 })
	writeFile(t, filepath.Join(d.dir, "ingest", "A002"), "C0002.MP4", pseudoRandom(1000, 9))
	d.waitFor("the clip under the new layout", func() bool {
		_, err := os.Stat(filepath.Join(d.dir, "library", "flat", "C0002.MP4"))
		return err == nil
	})

	// SIGTERM stops promptly and cleanly; status then says no daemon runs.
	d.waitFor("the second drop safe", func() bool {
		s, _, _, _, _, _ := d.status().drop(filepath.Join(d.dir, "ingest", "A002"))
		return s == "safe"
	})
	d.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- d.cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("daemon exit: %v\n%s", err, d.logs.String())
		}
	case <-time.After(5 * time.Second):
		t.Fatal("daemon did not stop within 5 s of SIGTERM")
	}
	if strings.Contains(d.logs.String(), "aborting the copy in flight") {
		t.Errorf("an idle daemon said it aborted a copy:\n%s", d.logs.String())
	}
	if out, _ := d.rushes("status", "--format", "table"); !strings.Contains(out, "no rushes daemon is running") {
		t.Errorf("status after stop: %s", out)
	}
}

// SIGTERM during a copy: nothing partial stays at a final path and the next
// start finishes the drop without copying verified files again.
func TestDaemonStopMidCopyResumes(t *testing.T) {
	d := &daemonEnv{t: t, bin: buildRushes(t), dir: t.TempDir()}
	card := filepath.Join(d.dir, "ingest", "B001")
	want := map[string][]byte{"BIG.MOV": pseudoRandom(128<<20, 5), "SMALL.WAV": pseudoRandom(1000, 6)}
	for n, b := range want {
		writeFile(t, card, n, b)
	}
	d.start()
	lib := filepath.Join(d.dir, "library")
	if !waitForPartial(lib, 20*time.Second) {
		t.Fatalf("no copy started; log:\n%s", d.logs.String())
	}
	d.cmd.Process.Signal(syscall.SIGTERM)
	d.cmd.Wait()
	d.start()
	d.waitFor("both clips", func() bool { return d.clips() == 2 })
	checkLibraryHoldsExactly(t, lib, want)
}

// A root given as --poll-root is scanned, not watched: status says so, and
// files still arrive.
func TestDaemonPollRoot(t *testing.T) {
	d := &daemonEnv{t: t, bin: buildRushes(t), dir: t.TempDir()}
	share := filepath.Join(d.dir, "share")
	os.MkdirAll(share, 0o755)
	os.WriteFile(filepath.Join(d.dir, "rushes.yaml"), []byte("watch: [share]\n"), 0o644)
	d.start("--poll-root", share, "--reconcile", "0", "--poll-interval", "300ms")
	out, _ := d.rushes("status", "--json")
	if !strings.Contains(out, `"mode": "polling"`) {
		t.Errorf("status of a polled root:\n%s", out)
	}
	writeFile(t, filepath.Join(share, "C001"), "C0001.MP4", pseudoRandom(1000, 1))
	d.waitFor("the clip from the polled share", func() bool { return d.clips() == 1 })
}
