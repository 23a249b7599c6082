package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// daemonStatus is what `rushes status --json` prints, the parts tests read.
type daemonStatus struct {
	Running  bool      `json:"running"`
	Updated  time.Time `json:"updated"`
	InFlight *struct {
		Drop      string `json:"drop"`
		BytesDone int64  `json:"bytes_done"`
		File      string `json:"file"`
	} `json:"in_flight"`
	Drops []struct {
		Path, State, Reason          string
		Files, Copied, Known, Failed int
		RetryAt                      *time.Time `json:"retry_at"`
	} `json:"drops"`
	Errors []string `json:"errors"`
}

func (d *daemonEnv) status() daemonStatus {
	d.t.Helper()
	out, _ := d.rushes("status", "--json")
	var st daemonStatus
	if err := json.Unmarshal([]byte(out), &st); err != nil {
		d.t.Fatalf("status --json: %v\n%s", err, out)
	}
	return st
}

// drop returns the status entry of the drop at path.
func (st daemonStatus) drop(path string) (state string, files, copied, known, failed int, reason string) {
	for _, x := range st.Drops {
		if x.Path == path {
			state, files, copied, known, failed, reason = x.State, x.Files, x.Copied, x.Known, x.Failed, x.Reason
		}
	}
	return
}

// writeBig writes n MiB of varied bytes without holding them in memory.
func writeBig(t *testing.T, path string, mib int) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < mib; i++ {
		if _, err := f.Write(pseudoRandom(1<<20, uint64(i))); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// While a big drop copies, status keeps moving: `updated` advances and
// bytes_done grows, written by the daemon's own ticker.
func TestDaemonStatusIsLiveDuringADrop(t *testing.T) {
	d := &daemonEnv{t: t, bin: buildRushes(t), dir: t.TempDir()}
	writeBig(t, filepath.Join(d.dir, "ingest", "A001", "BIG.MOV"), 1024)
	d.start()
	d.waitFor("the drop in flight", func() bool { st := d.status(); return st.InFlight != nil && st.InFlight.BytesDone > 0 })
	first := d.status()
	var later daemonStatus
	d.waitFor("a later status with more bytes", func() bool {
		later = d.status()
		return later.InFlight != nil && later.Updated.After(first.Updated) && later.InFlight.BytesDone > first.InFlight.BytesDone
	})
	if !strings.HasSuffix(later.InFlight.File, "BIG.MOV") {
		t.Errorf("file in flight %q, want BIG.MOV", later.InFlight.File)
	}
	d.waitFor("the drop safe", func() bool {
		s, _, _, _, _, _ := d.status().drop(filepath.Join(d.dir, "ingest", "A001"))
		return s == "safe"
	})
}

// SIGTERM mid-copy is an interruption, not a failure: no failed hook, the
// state says interrupted (kept after the daemon is gone, and shown by the
// next start until the drop resumes), the log says it aborted a copy, and
// once resumed the counts describe the whole card.
func TestDaemonStopMidCopyIsInterrupted(t *testing.T) {
	d := &daemonEnv{t: t, bin: buildRushes(t), dir: t.TempDir()}
	failedHook := filepath.Join(d.dir, "failed.json")
	safeHook := filepath.Join(d.dir, "safe.json")
	os.WriteFile(filepath.Join(d.dir, "rushes.yaml"), []byte("hooks:\n  failed: cat > "+failedHook+"\n  safe: cat > "+safeHook+"\n"), 0o644)
	card := filepath.Join(d.dir, "ingest", "B001")
	writeBig(t, filepath.Join(card, "BIG.MOV"), 1024)
	d.start()
	if !waitForPartial(filepath.Join(d.dir, "library"), 20*time.Second) {
		t.Fatalf("no copy started; log:\n%s", d.logs.String())
	}
	d.cmd.Process.Signal(syscall.SIGTERM)
	d.cmd.Wait()
	if !strings.Contains(d.logs.String(), "aborting the copy in flight") {
		t.Errorf("the log does not say the copy was aborted:\n%s", d.logs.String())
	}
	if _, err := os.Stat(failedHook); err == nil {
		b, _ := os.ReadFile(failedHook)
		t.Errorf("the failed hook ran for an interrupted drop: %s", b)
	}
	// Out of reach, the drop cannot resume: the next start says it was interrupted.
	away := filepath.Join(d.dir, "away")
	if err := os.Rename(card, away); err != nil {
		t.Fatal(err)
	}
	d.start()
	if state, _, _, _, _, reason := d.status().drop(card); state != "interrupted" {
		t.Errorf("after a restart the stopped drop is %q (%s), want interrupted", state, reason)
	}
	if err := os.Rename(away, card); err != nil {
		t.Fatal(err)
	}
	d.waitFor("the drop resumed and safe", func() bool { s, _, _, _, _, _ := d.status().drop(card); return s == "safe" })
	if _, err := os.Stat(failedHook); err == nil {
		t.Error("the failed hook ran")
	}
}

// kill -9 mid-drop: the next start reports the drop interrupted, and when
// it resumes, the files verified before the kill count as known: the
// card's counts are the whole card's.
func TestDaemonKilledMidDropIsReportedAndCountedWhole(t *testing.T) {
	d := &daemonEnv{t: t, bin: buildRushes(t), dir: t.TempDir()}
	safeHook := filepath.Join(d.dir, "safe.json")
	os.WriteFile(filepath.Join(d.dir, "rushes.yaml"), []byte("hooks:\n  safe: cat > "+safeHook+"\n"), 0o644)
	card := filepath.Join(d.dir, "ingest", "C001")
	writeBig(t, filepath.Join(card, "BIG.MOV"), 1024)
	for _, n := range []string{"A.WAV", "B.WAV", "C.WAV", "D.WAV", "E.WAV"} {
		writeFile(t, card, n, pseudoRandom(4000, uint64(len(n)+int(n[0]))))
	}
	d.start()
	d.waitFor("the small files verified while the big one copies", func() bool {
		return d.clips() == 5 && waitForPartial(filepath.Join(d.dir, "library"), 10*time.Millisecond)
	})
	d.cmd.Process.Signal(syscall.SIGKILL)
	d.cmd.Wait()

	away := filepath.Join(d.dir, "away")
	if err := os.Rename(card, away); err != nil {
		t.Fatal(err)
	}
	d.start()
	if state, _, _, _, _, reason := d.status().drop(card); state != "interrupted" || !strings.Contains(reason, "died") {
		t.Errorf("after kill -9 the drop is %q (%s), want interrupted: the daemon died", state, reason)
	}
	if err := os.Rename(away, card); err != nil {
		t.Fatal(err)
	}
	d.waitFor("the drop resumed and safe", func() bool { s, _, _, _, _, _ := d.status().drop(card); return s == "safe" })
	if _, files, copied, known, failed, _ := d.status().drop(card); files != 6 || copied != 1 || known != 5 || failed != 0 {
		t.Errorf("counts files=%d copied=%d known=%d failed=%d, want the whole card: 6, 1, 5, 0", files, copied, known, failed)
	}
	d.waitFor("the safe hook", func() bool {
		b, _ := os.ReadFile(safeHook)
		return strings.Contains(string(b), `"files":6,"copied":1,"known":5`)
	})
}

// A writer that closes, pauses past settle and appends again: the first
// version was called safe, so the daemon warns, naming the file, in its
// log and through the attention hook.
func TestDaemonWarnsWhenASafeSourceChanges(t *testing.T) {
	d := &daemonEnv{t: t, bin: buildRushes(t), dir: t.TempDir()}
	attention := filepath.Join(d.dir, "attention.json")
	os.WriteFile(filepath.Join(d.dir, "rushes.yaml"), []byte("hooks:\n  attention: cat >> "+attention+"\n"), 0o644)
	card := filepath.Join(d.dir, "ingest", "D001")
	clip := writeFile(t, card, "C0001.MP4", pseudoRandom(5000, 4))
	d.start()
	d.waitFor("the drop safe", func() bool { s, _, _, _, _, _ := d.status().drop(card); return s == "safe" })
	f, err := os.OpenFile(clip, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.Write(pseudoRandom(3000, 5))
	f.Close()
	d.waitFor("the attention hook naming the file", func() bool {
		b, _ := os.ReadFile(attention)
		return strings.Contains(string(b), `"changed":["`+clip+`"]`)
	})
	if !strings.Contains(d.logs.String(), "changed after it was called safe") {
		t.Errorf("the log does not warn:\n%s", d.logs.String())
	}
}

// A catalog inside the ingest root is refused before anything is watched:
// exit 2 naming the key, the value, the root and what to do.
func TestDaemonRefusesACatalogInsideAnIngestRoot(t *testing.T) {
	d := &daemonEnv{t: t, bin: buildRushes(t), dir: t.TempDir()}
	os.MkdirAll(filepath.Join(d.dir, "ingest"), 0o755)
	os.WriteFile(filepath.Join(d.dir, "rushes.yaml"), []byte("catalog: ./ingest/cat.db\n"), 0o644)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second) // a daemon that starts never ends
	defer cancel()
	c := exec.CommandContext(ctx, d.bin, "daemon")
	c.Dir = d.dir
	c.Env = append(os.Environ(), "XDG_CONFIG_HOME="+d.dir)
	out, err := c.CombinedOutput()
	ee, ok := err.(*exec.ExitError)
	if !ok || ee.ExitCode() != 2 {
		t.Fatalf("daemon with the catalog in its ingest root: %v, want exit 2\n%s", err, out)
	}
	for _, w := range []string{"catalog", filepath.Join(d.dir, "ingest", "cat.db"), `ingest root "` + filepath.Join(d.dir, "ingest") + `"`, "outside every watch root"} {
		if !strings.Contains(string(out), w) {
			t.Errorf("message lacks %q:\n%s", w, out)
		}
	}
	if _, err := os.Stat(filepath.Join(d.dir, "ingest", "cat.db-wal")); err == nil {
		t.Error("the catalog was opened inside the ingest root")
	}
}

// The README's `rushes status --json | jq '.drops[]'` works.
func TestStatusJSONServesTheReadmeJq(t *testing.T) {
	if _, err := exec.LookPath("jq"); err != nil {
		t.Skip("jq not installed")
	}
	d := &daemonEnv{t: t, bin: buildRushes(t), dir: t.TempDir()}
	card := filepath.Join(d.dir, "ingest", "E001")
	writeFile(t, card, "C0001.MP4", pseudoRandom(1000, 8))
	d.start()
	d.waitFor("the drop safe", func() bool { s, _, _, _, _, _ := d.status().drop(card); return s == "safe" })
	c := exec.Command("sh", "-c", d.bin+` status --json | jq -r '.drops[] | select(.state == "safe") | .path'`)
	c.Dir = d.dir
	c.Env = append(os.Environ(), "XDG_CONFIG_HOME="+d.dir)
	out, err := c.CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != card {
		t.Errorf("jq '.drops[]': %v\n%s", err, out)
	}
}
