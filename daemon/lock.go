package daemon

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// ErrRunning is returned when another daemon already serves the library.
var ErrRunning = errors.New("a rushes daemon already runs on this library")

// fileLock is an exclusive flock on <library>/.rushes/daemon.lock, held for
// the daemon's life; the kernel drops it when the process dies.
type fileLock struct{ f *os.File }

func lockPath(library string) string { return filepath.Join(library, ".rushes", "daemon.lock") }

func lockDaemon(library string) (*fileLock, error) {
	if err := os.MkdirAll(filepath.Dir(lockPath(library)), 0o755); err != nil {
		return nil, fmt.Errorf("lock library: %w", err)
	}
	f, err := os.OpenFile(lockPath(library), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock library: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		b, _ := os.ReadFile(lockPath(library))
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("%w (pid %s, library %s): stop it first, or use another library", ErrRunning, strings.TrimSpace(string(b)), library)
		}
		return nil, fmt.Errorf("lock library: %w", err)
	}
	f.Truncate(0)
	f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	return &fileLock{f: f}, nil
}

func (l *fileLock) unlock() error {
	if l == nil || l.f == nil {
		return nil
	}
	return l.f.Close()
}

// daemonRunning reports whether some process holds the library's daemon lock.
func daemonRunning(library string) bool {
	f, err := os.Open(lockPath(library))
	if err != nil {
		return false
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_SH|syscall.LOCK_NB); err != nil {
		return errors.Is(err, syscall.EWOULDBLOCK)
	}
	syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	return false
}
