package watcher

import (
	"bytes"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

const limitChildEnv = "RUSHES_WATCHER_LIMIT_CHILD"

// TestWatchLimitFallsBackToPolling runs itself again in a new user namespace, where the
// inotify watch limit can be lowered without touching the machine's: the root that no longer
// fits must be polled (nothing lost), the log must say which sysctl to raise, and once the
// limit is raised the root must go back to events.
func TestWatchLimitFallsBackToPolling(t *testing.T) {
	if !inUserNamespace(t) {
		return
	}
	setLimit := func(n int) { setUserSysctl(t, "max_inotify_watches", n) }
	setLimit(4)
	root := t.TempDir()
	var want []string
	for i := 0; i < 8; i++ {
		want = append(want, write(t, filepath.Join(root, fmt.Sprintf("CARD%d", i), "CLIPS", "C0001.MP4"), 1))
	}
	var logs syncBuffer
	w, s := openWatcher(t, Options{
		Roots:        []Root{{Path: root}},
		PollInterval: 100 * time.Millisecond,
		Log:          slog.New(slog.NewTextHandler(&logs, nil)),
	})
	s.waitFiles(t, 5*time.Second, want...)
	st := w.Status().Roots[0]
	if st.Mode != ModePolling || !strings.Contains(st.Why, "watch limit") {
		t.Errorf("root %+v, want polling for the watch limit", st)
	}
	if !strings.Contains(logs.String(), "sysctl -w fs.inotify.max_user_watches=") {
		t.Errorf("log does not say which sysctl to raise:\n%s", logs.String())
	}
	for _, line := range strings.Split(logs.String(), "\n") {
		if strings.Contains(line, "sysctl") {
			t.Log(line)
		}
	}
	late := write(t, filepath.Join(root, "CARD9", "C0001.MP4"), 1) // found by polling
	s.waitFiles(t, 5*time.Second, late)

	setLimit(1000)
	waitFor(t, 5*time.Second, "back to events", func() bool { return w.Status().Roots[0].Mode == ModeEvents })
}

func TestNoInotifyInstanceFallsBackToPolling(t *testing.T) {
	if !inUserNamespace(t) {
		return
	}
	setUserSysctl(t, "max_inotify_instances", 0)
	root := t.TempDir()
	var logs syncBuffer
	w, s := openWatcher(t, Options{
		Roots:        []Root{{Path: root}},
		PollInterval: 100 * time.Millisecond,
		Log:          slog.New(slog.NewTextHandler(&logs, nil)),
	})
	if st := w.Status().Roots[0]; st.Mode != ModePolling {
		t.Errorf("root %+v, want polling without inotify", st)
	}
	if !strings.Contains(logs.String(), "fs.inotify.max_user_instances") {
		t.Errorf("log does not say which sysctl to raise:\n%s", logs.String())
	}
	s.waitFiles(t, 5*time.Second, write(t, filepath.Join(root, "CARD", "C0001.MP4"), 1))
}

// inUserNamespace reports whether the test runs in the child it starts in a new user
// namespace, where inotify limits can be lowered without touching the machine's. In the
// parent it runs the child, reports its result and returns false.
func inUserNamespace(t *testing.T) bool {
	t.Helper()
	if os.Getenv(limitChildEnv) != "" {
		return true
	}
	cmd := exec.Command(os.Args[0], "-test.run=^"+t.Name()+"$", "-test.v")
	cmd.Env = append(os.Environ(), limitChildEnv+"=1")
	cmd.SysProcAttr = &syscall.SysProcAttr{
		Cloneflags:  syscall.CLONE_NEWUSER,
		UidMappings: []syscall.SysProcIDMap{{ContainerID: 0, HostID: os.Getuid(), Size: 1}},
		GidMappings: []syscall.SysProcIDMap{{ContainerID: 0, HostID: os.Getgid(), Size: 1}},
	}
	out, err := cmd.CombinedOutput()
	switch {
	case cmd.ProcessState == nil:
		t.Skipf("cannot start a user namespace: %v", err)
	case err != nil:
		t.Fatalf("in a user namespace: %v\n%s", err, out)
	case strings.Contains(string(out), "--- SKIP"):
		t.Skipf("in a user namespace:\n%s", out)
	}
	return false
}

// setUserSysctl sets a limit of the user namespace the test runs in.
func setUserSysctl(t *testing.T, name string, n int) {
	t.Helper()
	if err := os.WriteFile("/proc/sys/user/"+name, []byte(fmt.Sprint(n)), 0); err != nil {
		t.Skipf("cannot set user.%s: %v", name, err)
	}
}

// syncBuffer is a bytes.Buffer safe for a logger and a test to share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}
