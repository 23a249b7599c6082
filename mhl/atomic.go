package mhl

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// ensureDir creates dir if missing, flushing its parent so it stays.
func ensureDir(dir string) error {
	err := os.Mkdir(dir, 0o755)
	if errors.Is(err, fs.ErrExist) {
		if fi, serr := os.Stat(dir); serr != nil || !fi.IsDir() {
			return fmt.Errorf("%s is not a folder", dir)
		}
		return nil
	}
	if err != nil {
		return err
	}
	return syncDir(filepath.Dir(dir))
}

// writeAtomic puts data at dir/name through a flushed temporary file. With
// replace false an existing file is an error, never overwritten.
func writeAtomic(dir, name string, data []byte, replace bool) (err error) {
	f, err := os.CreateTemp(dir, tempPrefix+"*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	n, err := f.Write(data)
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if n != len(data) {
		return fmt.Errorf("write %s: wrote %d of %d bytes", name, n, len(data))
	}
	if err := f.Chmod(0o644); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("flush %s: %w", name, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("close %s: %w", name, err)
	}
	final := filepath.Join(dir, name)
	if replace {
		err = os.Rename(tmp, final)
	} else {
		err = placeNew(tmp, final)
	}
	if err != nil {
		return err
	}
	return syncDir(dir)
}

// placeNew moves tmp to final unless final exists. A hard link refuses to
// replace atomically; where the file system has none (FAT, exFAT, some
// shares), the history lock keeps other writers out while we look first.
func placeNew(tmp, final string) error {
	err := os.Link(tmp, final)
	if err == nil {
		return os.Remove(tmp)
	}
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists", final)
	}
	if _, serr := os.Lstat(final); serr == nil {
		return fmt.Errorf("%s already exists", final)
	}
	return os.Rename(tmp, final)
}

// syncDir flushes a folder's entries. Some file systems cannot, and say so
// with EINVAL or ENOTSUP; there is nothing more to do on those.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) && !errors.Is(err, syscall.ENOTSUP) {
		return fmt.Errorf("flush folder %s: %w", dir, err)
	}
	return nil
}

// removeTemps deletes temporary files an interrupted Write left behind; the
// caller holds the history lock, so none is in use.
func removeTemps(dir string) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), tempPrefix) {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}
