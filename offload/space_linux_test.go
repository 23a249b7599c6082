package offload

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rushes/rushes/fsutil/fsutiltest"
)

// On a 1 MiB tmpfs FreeSpace says 1 MiB, for the mount and for a folder
// not made on it yet, and goes down as files are written.
func TestFreeSpaceOfASmallDisk(t *testing.T) {
	mnt := fsutiltest.Tmpfs(t, "size=1m")
	const mib = 1 << 20
	for _, dir := range []string{mnt, filepath.Join(mnt, "backup", "DAY01")} {
		if n, err := FreeSpace(dir); err != nil || n != mib {
			t.Errorf("FreeSpace(%s) = %d, %v; want %d", dir, n, err, mib)
		}
	}
	if err := os.WriteFile(filepath.Join(mnt, "A001C001.MOV"), make([]byte, mib/2), 0o644); err != nil {
		t.Fatal(err)
	}
	if n, err := FreeSpace(mnt); err != nil || n != mib/2 {
		t.Errorf("FreeSpace(%s) after writing 512 KiB = %d, %v; want %d", mnt, n, err, mib/2)
	}
}

// A destination remounted read-only fails CheckWritable with a message
// naming the folder and what to do; writable, it passes and leaves nothing.
func TestCheckWritableOnAReadOnlyDisk(t *testing.T) {
	mnt := fsutiltest.Tmpfs(t, "size=1m")
	backup := filepath.Join(mnt, "backup")
	if err := CheckWritable(backup); err != nil {
		t.Fatalf("CheckWritable(%s) on a writable disk: %v", backup, err)
	}
	if entries, _ := os.ReadDir(mnt); len(entries) != 0 {
		t.Fatalf("CheckWritable left %v in %s", entries, mnt)
	}
	fsutiltest.ReadOnly(t, mnt)
	for _, dir := range []string{mnt, backup} {
		err := CheckWritable(dir)
		if err == nil {
			t.Fatalf("CheckWritable(%s) on a read-only disk passed", dir)
		}
		msg := err.Error()
		for _, want := range []string{dir, "not writable", "read-only file system", "read-write"} {
			if !strings.Contains(msg, want) {
				t.Errorf("CheckWritable(%s) = %q: does not say %q", dir, msg, want)
			}
		}
	}
}

// Two mounts are two devices; two folders of one mount (one not made yet)
// are one.
func TestSameDeviceAcrossMounts(t *testing.T) {
	card := fsutiltest.Tmpfs(t, "size=1m")
	library := fsutiltest.Tmpfs(t, "size=1m")
	tests := []struct {
		a, b string
		same bool
	}{
		{card, library, false},
		{filepath.Join(card, "PRIVATE"), filepath.Join(library, "RUSHES", "DAY01"), false},
		{card, filepath.Join(card, "backup", "DAY01"), true},
		{library, library, true},
	}
	for _, tt := range tests {
		same, err := SameDevice(tt.a, tt.b)
		if err != nil || same != tt.same {
			t.Errorf("SameDevice(%s, %s) = %v, %v; want %v", tt.a, tt.b, same, err, tt.same)
		}
	}
}
