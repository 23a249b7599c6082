package watcher

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

func TestParseMountinfo(t *testing.T) {
	in := `22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
36 22 0:40 / /media/pa/A001\040CARD rw,nosuid - exfat /dev/sdb1 rw
37 22 0:41 / /mnt/share rw,relatime shared:5 master:2 - nfs4 srv:/export rw,vers=4.2
garbage
`
	got := parseMountinfo([]byte(in))
	want := []mount{{"/", "ext4"}, {"/media/pa/A001 CARD", "exfat"}, {"/mnt/share", "nfs4"}}
	if !slices.Equal(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	if fst := fsTypeOf(got, "/mnt/share/ingest"); !networkFS[fst] {
		t.Errorf("fs of /mnt/share/ingest: %q, want a network filesystem", fst)
	}
	if fst := fsTypeOf(got, "/home/pa"); fst != "ext4" {
		t.Errorf("fs of /home/pa: %q, want ext4", fst)
	}
}

func TestLimitHintNamesTheSysctl(t *testing.T) {
	if h := limitHint(syscall.ENOSPC); !strings.Contains(h, "sysctl -w fs.inotify.max_user_watches=") {
		t.Errorf("ENOSPC hint %q", h)
	}
	if h := limitHint(syscall.EMFILE); !strings.Contains(h, "fs.inotify.max_user_instances") {
		t.Errorf("EMFILE hint %q", h)
	}
}

// mountTmpfs mounts a small tmpfs at dir, or skips the test where mounting is not allowed.
func mountTmpfs(t *testing.T, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := unix.Mount("tmpfs", dir, "tmpfs", 0, "size=16m"); err != nil {
		if errors.Is(err, unix.EPERM) || errors.Is(err, unix.EACCES) {
			t.Skipf("cannot mount tmpfs: %v", err)
		}
		t.Fatal(err)
	}
	t.Cleanup(func() { unix.Unmount(dir, unix.MNT_DETACH) })
}

func TestVolumeMountedUnderParentBecomesCardRoot(t *testing.T) {
	parent := filepath.Join(t.TempDir(), "media", "pa")
	if err := os.MkdirAll(parent, 0o755); err != nil {
		t.Fatal(err)
	}
	w, s := openWatcher(t, Options{VolumeParents: []string{parent}})
	vol := filepath.Join(parent, "A001 CARD")
	mountTmpfs(t, vol)
	waitFor(t, 5*time.Second, "volume root", func() bool {
		st := w.Status()
		return len(st.Roots) == 1 && st.Roots[0].Volume && st.Roots[0].Scanned
	})
	a := write(t, filepath.Join(vol, "DCIM", "100GOPRO", "GX010001.MP4"), 10)
	b := write(t, filepath.Join(vol, "loose.wav"), 10)
	s.waitFiles(t, 5*time.Second, a, b)
	for _, d := range s.list() {
		if d.Path != vol || d.Root != vol {
			t.Errorf("drop %s under %s, want the volume %s as one drop", d.Path, d.Root, vol)
		}
	}
	if err := unix.Unmount(vol, 0); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 5*time.Second, "volume root gone", func() bool { return len(w.Status().Roots) == 0 })
}

func TestDriveMountedUnderRootIsScannedAndWatched(t *testing.T) {
	root := t.TempDir()
	card := filepath.Join(root, "CARD_B")
	if err := os.MkdirAll(card, 0o755); err != nil {
		t.Fatal(err)
	}
	_, s := openWatcher(t, Options{Roots: []Root{{Path: root}}})
	mountTmpfs(t, card) // covers the folder that was watched
	time.Sleep(100 * time.Millisecond)
	p := write(t, filepath.Join(card, "CLIPS", "B001.MOV"), 10)
	s.waitFiles(t, 5*time.Second, p)
}
