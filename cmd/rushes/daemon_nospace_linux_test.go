package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// A drop that failed on a full library is tried again, with backoff, and
// offloaded once space is freed, without a restart; the failed hook runs
// once for the whole series, the safe hook at the end.
func TestDaemonRetriesAFailedDropOnceSpaceIsFreed(t *testing.T) {
	d := &daemonEnv{t: t, bin: buildRushes(t), dir: t.TempDir()}
	lib := filepath.Join(d.dir, "library")
	if err := os.MkdirAll(lib, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := unix.Mount("tmpfs", lib, "tmpfs", 0, "size=16m"); err != nil {
		t.Skipf("cannot mount a small tmpfs here (%v)", err)
	}
	t.Cleanup(func() { unix.Unmount(lib, unix.MNT_DETACH) })
	filler := filepath.Join(lib, "filler.bin")
	writeBig(t, filler, 12)
	failedHook := filepath.Join(d.dir, "failed.log")
	safeHook := filepath.Join(d.dir, "safe.json")
	os.WriteFile(filepath.Join(d.dir, "rushes.yaml"), []byte("hooks:\n  failed: cat >> "+failedHook+"; echo >> "+failedHook+
		"\n  safe: cat > "+safeHook+"\n"), 0o644)
	os.MkdirAll(filepath.Join(d.dir, "ingest"), 0o755)
	d.start("--retry-after", "200ms", "--retry-max", "1s")

	card := filepath.Join(d.dir, "ingest", "F001")
	writeBig(t, filepath.Join(card, "C0001.MOV"), 6)
	d.waitFor("the drop failed with a retry planned", func() bool {
		for _, x := range d.status().Drops {
			if x.Path == card && x.State == "failed" && x.RetryAt != nil {
				return true
			}
		}
		return false
	})
	d.waitFor("a second try", func() bool { return strings.Count(d.logs.String(), "trying a failed drop again") >= 1 })
	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	d.waitFor("the drop safe after space was freed", func() bool {
		s, _, _, _, _, _ := d.status().drop(card)
		return s == "safe"
	})
	if d.clips() != 1 {
		t.Errorf("%d clips, want 1", d.clips())
	}
	b, _ := os.ReadFile(failedHook)
	if n := strings.Count(string(b), `"event":"failed"`); n != 1 {
		t.Errorf("the failed hook ran %d times, want once:\n%s", n, b)
	}
	d.waitFor("the safe hook", func() bool {
		b, _ := os.ReadFile(safeHook)
		return strings.Contains(string(b), `"event":"safe"`)
	})
}
