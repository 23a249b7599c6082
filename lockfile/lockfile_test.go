package lockfile

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestAcquireReleaseHeld(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "x.lock")
	if Held(path) {
		t.Fatal("a missing lock counts as held")
	}
	l, err := Acquire(path)
	if err != nil {
		t.Fatal(err)
	}
	if !Held(path) {
		t.Error("held lock not seen")
	}
	_, err = Acquire(path) // a second open file description conflicts, even in one process
	if !errors.Is(err, ErrHeld) || !strings.Contains(err.Error(), strconv.Itoa(os.Getpid())) {
		t.Errorf("second acquire: %v", err)
	}
	if err := l.Release(); err != nil {
		t.Fatal(err)
	}
	if Held(path) {
		t.Error("released lock still held")
	}
}

// A lock dies with its process, even killed with SIGKILL.
func TestLockDiesWithItsProcess(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.lock")
	cmd := exec.Command("flock", "-x", "-o", path, "sleep", "30") // -o: the sleeping child does not inherit the lock
	if err := cmd.Start(); err != nil {
		t.Skipf("flock(1) not available: %v", err)
	}
	for i := 0; i < 200 && !Held(path); i++ {
		exec.Command("sleep", "0.01").Run()
	}
	if !Held(path) {
		t.Fatal("the other process's lock not seen")
	}
	cmd.Process.Kill()
	cmd.Wait()
	if Held(path) {
		t.Error("lock outlived its killed process")
	}
}
