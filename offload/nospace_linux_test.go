//go:build linux

package offload

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// smallDisk mounts a 1 MiB tmpfs for the test, or skips it where mounting
// is not permitted.
func smallDisk(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := unix.Mount("tmpfs", dir, "tmpfs", 0, "size=1m"); err != nil {
		t.Skipf("cannot mount a small tmpfs (%v): ENOSPC untested", err)
	}
	t.Cleanup(func() {
		if err := unix.Unmount(dir, 0); err != nil {
			t.Errorf("unmount %s: %v", dir, err)
		}
	})
	return dir
}

func TestCopyToFullDiskFailsWithNoSpace(t *testing.T) {
	disk := smallDisk(t)
	root := t.TempDir()
	src, data := sourceFile(t, root, "card/A001.MOV", 2<<20)
	before, _ := os.Stat(src)
	lib := filepath.Join(root, "lib", "A001.MOV")
	backup := filepath.Join(disk, "day 1", "A001.MOV")

	res, err := copier().Copy(context.Background(), src, []string{lib, backup})
	if !errors.Is(err, ErrNoSpace) {
		t.Fatalf("err = %v, want ErrNoSpace", err)
	}
	msg := err.Error()
	t.Log(msg)
	if !strings.Contains(msg, filepath.Dir(backup)) || !strings.Contains(msg, "more bytes") || !strings.Contains(msg, "1 of 2") {
		t.Errorf("message %q should name %s, what is missing, and the count", msg, filepath.Dir(backup))
	}
	if res.Dests[0].Err != nil {
		t.Errorf("library failed with the backup: %v", res.Dests[0].Err)
	}
	assertContent(t, lib, data)
	assertNoFile(t, backup)
	assertNoPartials(t, disk)
	assertUnchanged(t, src, data, before)
}

// TestCopyRunningOutOfSpaceMidWrite fits each copy alone but not both: the
// file system fills during the pass (past the free-space check).
func TestCopyRunningOutOfSpaceMidWrite(t *testing.T) {
	disk := smallDisk(t)
	root := t.TempDir()
	src, data := sourceFile(t, root, "card/A002.MOV", 700<<10)
	a, b := filepath.Join(disk, "a", "A002.MOV"), filepath.Join(disk, "b", "A002.MOV")

	res, err := copier().Copy(context.Background(), src, []string{a, b})
	if !errors.Is(err, ErrNoSpace) {
		t.Fatalf("err = %v, want ErrNoSpace", err)
	}
	failed, ok := 0, 1
	if res.Dests[0].Err == nil {
		failed, ok = 1, 0
	}
	bad, good := res.Dests[failed], res.Dests[ok]
	if !errors.Is(bad.Err, ErrNoSpace) || good.Err != nil {
		t.Fatalf("dests = %+v, want one ErrNoSpace and one copy", res.Dests)
	}
	if want := filepath.Dir(bad.Path); !strings.Contains(bad.Err.Error(), "no space left on "+want+": needs ") {
		t.Errorf("message %q should name %s", bad.Err, want)
	}
	t.Log(err)
	assertContent(t, good.Path, data)
	assertNoFile(t, bad.Path)
	assertNoPartials(t, disk)
}

// TestCopyDiskFillingUpSparesTheOtherDestinations fills the backup disk
// while the copy runs; the library already holds the file.
func TestCopyDiskFillingUpSparesTheOtherDestinations(t *testing.T) {
	disk := smallDisk(t)
	root := t.TempDir()
	src, data := sourceFile(t, root, "card/A003.MOV", 600<<10)
	lib := filepath.Join(root, "lib", "A003.MOV")
	writeFile(t, lib, data)
	backup := filepath.Join(disk, "A003.MOV")
	c := copier()
	filled := false
	c.Progress = func(int64) {
		if !filled { // someone else's files take the space
			filled = true
			os.WriteFile(filepath.Join(disk, "filler"), make([]byte, 1<<20), 0o644)
		}
	}
	res, err := c.Copy(context.Background(), src, []string{lib, backup})
	if !errors.Is(err, ErrNoSpace) || !strings.Contains(err.Error(), disk) {
		t.Fatalf("err = %v, want ErrNoSpace naming %s", err, disk)
	}
	if r := res.Dests[0]; !r.AlreadyThere || r.Err != nil || res.Hash == "" {
		t.Errorf("library = %+v, hash %q: want already there", r, res.Hash)
	}
	assertNoFile(t, backup)
	assertNoPartials(t, disk)
}
