package pipeline

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// ErrBusy is returned when another rushes process is ingesting into the same library.
var ErrBusy = errors.New("library is busy")

// libraryLock is an exclusive flock on <library>/.rushes/ingest.lock held for
// a run: cleaning partial files while another process copies would delete its
// work in flight. The kernel releases it when the process dies, even by kill -9.
type libraryLock struct{ f *os.File }

func lockLibrary(library string) (*libraryLock, error) {
	dir := filepath.Join(library, ".rushes")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("lock library: %w", err)
	}
	path := filepath.Join(dir, "ingest.lock")
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock library: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		b, _ := os.ReadFile(path)
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("%w: another rushes (pid %s) is ingesting into %s; wait for it to finish",
				ErrBusy, strings.TrimSpace(string(b)), library)
		}
		return nil, fmt.Errorf("lock library: %w", err)
	}
	f.Truncate(0)
	f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	return &libraryLock{f: f}, nil
}

func (l *libraryLock) unlock() error {
	if l == nil || l.f == nil {
		return nil
	}
	return l.f.Close() // closing releases the flock
}
