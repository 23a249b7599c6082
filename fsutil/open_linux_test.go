package fsutil

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/rushes/rushes/fsutil/fsutiltest"
)

var past = time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)

// readAll reads path whole with open, as a reader of a card does.
func readAll(t *testing.T, open func(string) (*os.File, error), path string) {
	t.Helper()
	f, err := open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := io.Copy(io.Discard, f); err != nil {
		t.Fatal(err)
	}
}

// On a mount that updates atime on every read (strictatime), reading a
// file or listing a folder through OpenRead leaves their atime as it was,
// where a plain open moves it: the control shows the mount is strict.
func TestOpenReadLeavesAtime(t *testing.T) {
	dir := fsutiltest.Tmpfs(t, "size=1m,strictatime")
	card := filepath.Join(dir, "CARD")
	file := filepath.Join(card, "C0001.MP4")
	if err := os.Mkdir(card, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte("media bytes"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name  string
		path  string
		read  func(*testing.T, string)
		keeps bool
	}{
		{"OpenRead file", file, func(t *testing.T, p string) { readAll(t, OpenRead, p) }, true},
		{"ReadDir folder", card, func(t *testing.T, p string) {
			if _, err := ReadDir(p); err != nil {
				t.Fatal(err)
			}
		}, true},
		{"os.Open file (control)", file, func(t *testing.T, p string) { readAll(t, os.Open, p) }, false},
		{"os.ReadDir folder (control)", card, func(t *testing.T, p string) {
			if _, err := os.ReadDir(p); err != nil {
				t.Fatal(err)
			}
		}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fsutiltest.SetAtime(t, c.path, past)
			c.read(t, c.path)
			got := fsutiltest.Atime(t, c.path)
			if kept := got.Equal(past); kept != c.keeps {
				t.Errorf("atime of %s after reading: %s (was %s); want kept=%v", c.path, got, past, c.keeps)
			}
		})
	}
}

// The kernel refuses O_NOATIME on another user's file (EPERM): OpenRead
// then opens it plainly, as a DIT's account reading a card mounted with
// another owner must. Run as nobody in a child process, since root may
// always use O_NOATIME.
func TestOpenReadOpensAnotherOwnersFile(t *testing.T) {
	if path := os.Getenv("FSUTIL_OPEN_AS_NOBODY"); path != "" {
		readAll(t, OpenRead, path)
		return
	}
	if os.Geteuid() != 0 {
		t.Skip("needs root to run a child as another user")
	}
	dir, err := os.MkdirTemp("", "fsutil-nobody-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "A001C001.MOV")
	if err := os.WriteFile(file, []byte("root's bytes"), 0o644); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "fsutil.test") // the build folder is root's alone
	self, err := os.ReadFile(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, self, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-test.run=^TestOpenReadOpensAnotherOwnersFile$", "-test.v")
	cmd.Env = append(os.Environ(), "FSUTIL_OPEN_AS_NOBODY="+file)
	cmd.Dir = dir
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("OpenRead of root's file as nobody: %v\n%s", err, out)
	}
}
