package pipeline

import (
	"errors"
	"fmt"
	"github.com/rushes/rushes/catalog"
	"github.com/rushes/rushes/crashpoint"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/sys/unix"
)

// moveFiles renames library files to their new places, never replacing a
// file. A move already done (the source gone, the target there) is skipped,
// so that finishing an interrupted relocation is safe to repeat.
func moveFiles(moves []catalog.Move) error {
	for _, m := range moves {
		if _, err := os.Lstat(m.From); errors.Is(err, fs.ErrNotExist) {
			if _, err := os.Lstat(m.To); err == nil {
				continue // done before the interruption
			}
			return fmt.Errorf("%s is missing and %s is not there either", m.From, m.To)
		}
		if err := os.MkdirAll(filepath.Dir(m.To), 0o755); err != nil {
			return err
		}
		crashpoint.Here("relocate") // a timecode move begun, this file not yet moved
		if err := renameNoReplace(m.From, m.To); err != nil {
			return err
		}
		for _, d := range []string{filepath.Dir(m.To), filepath.Dir(m.From)} {
			if err := syncDir(d); err != nil {
				return err
			}
		}
	}
	return nil
}

// renameNoReplace renames, failing rather than replacing an existing file.
func renameNoReplace(from, to string) error {
	err := unix.Renameat2(unix.AT_FDCWD, from, unix.AT_FDCWD, to, unix.RENAME_NOREPLACE)
	if errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS) { // file system without RENAME_NOREPLACE
		if err = os.Link(from, to); err == nil {
			err = os.Remove(from)
		}
	}
	if err != nil {
		return fmt.Errorf("rename %s to %s: %w", from, to, err)
	}
	return nil
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, unix.EINVAL) {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}

// freeName returns path, or the first "stem_N.ext" that neither exists nor
// is taken by another move of the same clip.
func freeName(path string, taken map[string]bool) string {
	ext := filepath.Ext(path)
	stem := strings.TrimSuffix(path, ext)
	for i := 1; ; i++ {
		p := path
		if i > 1 {
			p = fmt.Sprintf("%s_%d%s", stem, i, ext)
		}
		if _, err := os.Lstat(p); errors.Is(err, fs.ErrNotExist) && !taken[p] {
			return p
		}
	}
}
