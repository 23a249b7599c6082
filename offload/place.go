package offload

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// maxClash bounds the "_N" names tried for one final path.
const maxClash = 9999

// clashName is the i-th name tried for final: final itself for i == 1, then
// "stem_2.ext", "stem_3.ext"...
func clashName(final string, i int) string {
	if i == 1 {
		return final
	}
	dir, base := filepath.Split(final)
	ext := filepath.Ext(base)
	stem := strings.TrimSuffix(base, ext)
	if stem == "" { // ".hidden" has no extension
		stem, ext = base, ""
	}
	return filepath.Join(dir, fmt.Sprintf("%s_%d%s", stem, i, ext))
}

// sameFile reports whether the file at path holds the content with the given
// size and hash. Hashes already computed are looked up in known.
func sameFile(ctx context.Context, path string, size int64, sum, algo string, known map[string]string) (bool, error) {
	fi, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil || !fi.Mode().IsRegular() || fi.Size() != size {
		return false, err
	}
	have, ok := known[path]
	if !ok {
		if have, err = hashExisting(ctx, path, algo); err != nil {
			return false, err
		}
	}
	return have == sum, nil
}

// place moves the verified temp file to final, or to the first free clash
// name after it, without ever replacing a file, and syncs the folder with
// fl. If a file with the same content is already there, the temp is
// removed and already is true.
func place(ctx context.Context, fl *Flusher, tmp, final string, size int64, sum, algo string, known map[string]string) (path string, already bool, err error) {
	for i := 1; i <= maxClash; i++ {
		path = clashName(final, i)
		err := renameNoReplace(tmp, path)
		if err == nil {
			return path, false, fl.syncDir(filepath.Dir(path))
		}
		if !errors.Is(err, fs.ErrExist) {
			return path, false, err
		}
		same, err := sameFile(ctx, path, size, sum, algo, known)
		if err != nil {
			return path, false, err
		}
		if same {
			return path, true, os.Remove(tmp)
		}
	}
	return "", false, fmt.Errorf("%d names after %s are taken", maxClash, final)
}

// hashCandidates hashes, into known, the files of the given size along
// final's clash names up to the first free one: the files a copy of that size
// might turn out to be already there as. It reports whether there were any.
func hashCandidates(ctx context.Context, final string, size int64, algo string, known map[string]string) (bool, error) {
	for i := 1; i <= maxClash; i++ {
		path := clashName(final, i)
		fi, err := os.Lstat(path)
		if errors.Is(err, fs.ErrNotExist) {
			break
		}
		if err != nil {
			return false, err
		}
		if !fi.Mode().IsRegular() || fi.Size() != size {
			continue
		}
		if known[path], err = hashExisting(ctx, path, algo); err != nil {
			return false, err
		}
	}
	return len(known) > 0, nil
}

// findSame returns the first of final's clash names, up to the first free
// one, holding the content of size bytes hashing to sum.
func findSame(ctx context.Context, final string, size int64, sum, algo string, known map[string]string) (string, bool, error) {
	for i := 1; i <= maxClash; i++ {
		path := clashName(final, i)
		if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
			return "", false, nil
		}
		same, err := sameFile(ctx, path, size, sum, algo, known)
		if same || err != nil {
			return path, same, err
		}
	}
	return "", false, nil
}

// hashExisting hashes a file found at a destination, which may stand for
// the copy if it matches. Syncing it and its folder first makes sure it is
// on disk, like a copy written here, and that the hash reads the disk: dirty
// pages cannot be dropped from the cache. Syncing clean files writes nothing.
func hashExisting(ctx context.Context, path, algo string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = syncDir(filepath.Dir(path))
	}
	if err != nil {
		return "", err
	}
	sum, _, err := HashFile(ctx, path, algo)
	return sum, err
}

// linkNoReplace is the rename of file systems without RENAME_NOREPLACE: a
// hard link fails when newpath exists, then the old name goes.
func linkNoReplace(oldpath, newpath string) error {
	if err := os.Link(oldpath, newpath); err != nil {
		return err
	}
	// Left behind, the old name is a partial file RemovePartials clears.
	_ = os.Remove(oldpath)
	return nil
}

// mkdirAllSync creates dir and its missing parents, syncing the folder each
// new one was created in so the new entries survive a power loss.
func mkdirAllSync(dir string) error {
	fi, err := os.Stat(dir)
	switch {
	case err == nil && fi.IsDir():
		return nil
	case err == nil:
		return &fs.PathError{Op: "mkdir", Path: dir, Err: syscall.ENOTDIR}
	case !errors.Is(err, fs.ErrNotExist):
		return err
	}
	parent := filepath.Dir(dir)
	if parent != dir {
		if err := mkdirAllSync(parent); err != nil {
			return err
		}
	}
	if err := os.Mkdir(dir, 0o755); err != nil {
		if fi, serr := os.Stat(dir); serr == nil && fi.IsDir() {
			return nil // made meanwhile by another copy
		}
		return err
	}
	return syncDir(parent)
}

// syncDir flushes a folder's entries (new, renamed or removed names) to disk.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if errors.Is(err, syscall.EINVAL) || errors.Is(err, syscall.ENOTSUP) {
		err = nil // some file systems cannot sync a folder, as restic found
	}
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}
