//go:build !linux

package watcher

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"time"
)

// DefaultVolumeParents returns where the system mounts removable drives: /Volumes on macOS,
// /media/<user> elsewhere. Windows gives drives letters, not folders: none.
func DefaultVolumeParents(user string) []string {
	switch runtime.GOOS {
	case "darwin":
		return []string{"/Volumes"}
	case "windows":
		return nil
	}
	if user == "" {
		return []string{"/media"}
	}
	return []string{"/media/" + user}
}

// volumeLister finds volumes by listing the volume parents every few seconds: outside Linux
// there is no mount table file to wait on. Filesystem types are unknown here, so network
// shares must be configured to poll.
type volumeLister struct {
	parents []string
}

const volumeListEvery = 2 * time.Second

func newMountSource(opts Options) (mountSource, error) {
	if len(opts.VolumeParents) == 0 {
		return nil, nil
	}
	return &volumeLister{parents: opts.VolumeParents}, nil
}

func (l *volumeLister) read() ([]mount, error) {
	var ms []mount
	for _, parent := range l.parents {
		entries, err := os.ReadDir(parent)
		if err != nil {
			continue // no drive was ever mounted there
		}
		for _, e := range entries {
			if e.IsDir() { // symbolic links (macOS's link to the boot volume) are not drives
				ms = append(ms, mount{point: filepath.Join(filepath.Clean(parent), e.Name())})
			}
		}
	}
	return ms, nil
}

func (l *volumeLister) wait(ctx context.Context) error {
	t := time.NewTimer(volumeListEvery)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

func (l *volumeLister) close() {}
