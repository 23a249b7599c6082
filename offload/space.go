package offload

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// The preflight before a card is copied asks, for every destination: is
// there room (FreeSpace), can this user write there (CheckWritable), and is
// it on the card's own device (SameDevice: a "backup" on the card is no
// backup). Each takes a folder that may not exist yet (a backup folder made
// on the first copy) and answers for its nearest existing ancestor, the
// folder the copy would be created in.

// ErrSpaceUnknown: the file system does not say how much room it has (some
// FUSE and network file systems report no size; systems rushes does not
// know). A preflight should warn, not refuse: the copy still stops cleanly
// with ErrNoSpace when the disk fills.
var ErrSpaceUnknown = errors.New("free space unknown")

// writableProbe is the base of CheckWritable's partial-file name.
const writableProbe = "rushes-probe"

// FreeSpace returns the bytes an unprivileged writer may still use on dir's
// file system (the blocks reserved for root not counted), asking the
// nearest existing ancestor when dir does not exist yet. The error wraps
// ErrSpaceUnknown when the file system does not tell. On Unix a user quota
// is not counted (Windows counts it): the copy still stops with ErrNoSpace.
func FreeSpace(dir string) (int64, error) {
	at, err := nearestExisting(dir)
	if err != nil {
		return 0, err
	}
	n, err := freeSpace(at)
	if err != nil {
		return 0, fmt.Errorf("free space on %s: %w", at, err)
	}
	return n, nil
}

// CheckWritable checks that files can be created in dir, or in its nearest
// existing ancestor when dir does not exist yet (without creating dir): it
// creates, writes, closes and removes a hidden file there. The file is named
// as offload's partial files are (".rushes-probe.rushes-partial-XXXXXXXX"),
// so one left by a crash in between is removed by RemovePartials with the
// rest. The error names dir and says what to do.
func CheckWritable(dir string) error {
	at, err := nearestExisting(dir)
	if err != nil {
		return err
	}
	what := fmt.Sprintf("destination %s is not writable", at)
	if at != filepath.Clean(dir) {
		what = fmt.Sprintf("destination %s cannot be created: %s is not writable", dir, at)
	}
	f, err := createPartial(filepath.Join(at, writableProbe))
	if err == nil {
		_, err = f.Write([]byte("rushes checks it can write here\n"))
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if rerr := os.Remove(f.Name()); err == nil {
			err = rerr
		}
	}
	if err != nil {
		return fmt.Errorf("%s (%w): make it writable for this user (or remount it read-write), or choose another destination", what, unwrapPath(err))
	}
	return nil
}

// SameDevice reports whether a and b (each its nearest existing ancestor)
// are on the same device: the same st_dev on Unix, the same volume on
// Windows. Two folders of one disk are; a card and a library on it are the
// case a preflight warns about. It compares file systems, not hardware: two
// partitions (or btrfs subvolumes) of one disk count as two devices.
func SameDevice(a, b string) (bool, error) {
	at, err := nearestExisting(a)
	if err != nil {
		return false, err
	}
	bt, err := nearestExisting(b)
	if err != nil {
		return false, err
	}
	return sameDevice(at, bt)
}

// nearestExisting returns dir, made absolute, or its nearest ancestor that
// exists. That must be a folder (following symbolic links): a file in the
// way is an error naming it.
func nearestExisting(dir string) (string, error) {
	p, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("destination %s: %w", dir, err)
	}
	for {
		fi, err := os.Stat(p)
		switch {
		case err == nil && fi.IsDir():
			return p, nil
		case err == nil:
			return "", fmt.Errorf("destination %s: %s is a file, not a folder: choose a folder", dir, p)
		case !errors.Is(err, fs.ErrNotExist):
			return "", fmt.Errorf("destination %s: %w", dir, err)
		}
		parent := filepath.Dir(p)
		if parent == p {
			return "", fmt.Errorf("destination %s: no part of it exists: %w", dir, err)
		}
		p = parent
	}
}
