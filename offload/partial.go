package offload

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// A partial file is the hidden temp a copy is written to beside its final
// path: "." + name + partialMark + 8 hex digits, e.g.
// ".A001C003.MOV.rushes-partial-0f3a9c21". Only a verified copy is renamed
// from it to its final name, so a partial is never a finished file.
const (
	partialMark   = ".rushes-partial-"
	partialSuffix = 8     // hex digits after partialMark
	maxNameBytes  = 255   // NAME_MAX of common file systems
	partialPerm   = 0o644 // the final file keeps it
)

// IsPartial reports whether a file name (not a path) follows the partial
// temp-name rule, i.e. is left over from an unfinished copy.
func IsPartial(name string) bool {
	i := strings.LastIndex(name, partialMark)
	if !strings.HasPrefix(name, ".") || i < 1 {
		return false
	}
	suffix := name[i+len(partialMark):]
	if len(suffix) != partialSuffix {
		return false
	}
	return strings.Trim(suffix, "0123456789abcdef") == ""
}

// partialName is the temp name for final's base name with the given random
// suffix. Long names are shortened (on a UTF-8 boundary) so the temp name
// fits where the final name fits.
func partialName(base string, suffix uint32) string {
	room := maxNameBytes - 1 - len(partialMark) - partialSuffix
	if len(base) > room {
		for room > 0 && !utf8.RuneStart(base[room]) {
			room--
		}
		base = base[:room]
	}
	return fmt.Sprintf(".%s%s%08x", base, partialMark, suffix)
}

// createPartial creates a new, empty partial file beside final (O_EXCL, so
// never an existing file).
func createPartial(final string) (*os.File, error) {
	dir, base := filepath.Split(final)
	for range 100 {
		name := filepath.Join(dir, partialName(base, rand.Uint32()))
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, partialPerm)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return f, err
	}
	return nil, fmt.Errorf("create partial file for %s: too many name collisions", final)
}

// RemovePartials deletes the partial files left under root by copies that
// were interrupted (kill -9, power loss) and returns their paths. Call it
// before any copy into root starts: it would remove a running copy's temp.
// It does not follow symbolic links, and keeps going past unreadable
// folders, returning their errors joined.
func RemovePartials(ctx context.Context, root string) ([]string, error) {
	var removed []string
	var errs []error
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return ctxErr
		}
		if err != nil {
			if path == root {
				return err
			}
			errs = append(errs, err)
			return nil
		}
		if !d.Type().IsRegular() || !IsPartial(d.Name()) {
			return nil
		}
		if err := os.Remove(path); err != nil {
			errs = append(errs, err)
			return nil
		}
		removed = append(removed, path)
		return nil
	})
	if err != nil {
		errs = append(errs, fmt.Errorf("remove partials under %s: %w", root, err))
	}
	return removed, errors.Join(errs...)
}
