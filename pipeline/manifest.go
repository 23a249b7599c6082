package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/rushes/rushes/catalog"
	"github.com/rushes/rushes/crashpoint"
	"github.com/rushes/rushes/mhl"
	"github.com/rushes/rushes/offload"
)

// Written is one verified copy a run made.
type Written struct {
	Path  string // absolute, on the library or a backup
	Size  int64
	Hash  string
	Mtime time.Time // the copy keeps the source's modification time
}

// catchUpHistories brings the ASC MHL history of the library and of every
// backup up to date with the catalog, the source of truth: every file the
// catalog holds that a destination has and its history lacks is recorded, and
// every file the history knows at a path it has left (a timecode move) is
// recorded as a rename, in one new generation per destination. So a run
// killed after its files were verified and before its manifest was written,
// or in the middle of writing it, is repaired by the next run whatever it
// copies. fresh are the copies this process verified just now; a backup's
// file the history lacks is otherwise read again first (the catalog vouches
// for the library, not for a backup). Nothing is written where nothing is
// missing.
func (p *Pipeline) catchUpHistories(ctx context.Context, fresh map[string]bool) ([]string, error) {
	files, err := p.cat.AllFiles(ctx)
	if err != nil {
		return nil, err
	}
	var written []string
	var errs []error
	for i, root := range append([]string{p.opts.Library}, p.opts.Backups...) {
		var rehash mhl.Rehash
		if i > 0 {
			rehash = rehashFile
		}
		path, err := p.catchUpHistory(ctx, root, files, fresh, rehash)
		if path != "" {
			written = append(written, path)
		}
		errs = append(errs, err)
	}
	return written, errors.Join(errs...)
}

func (p *Pipeline) catchUpHistory(ctx context.Context, root string, files []catalog.File, fresh map[string]bool, rehash mhl.Rehash) (string, error) {
	if _, err := os.Stat(root); errors.Is(err, fs.ErrNotExist) {
		return "", nil // a backup that has received nothing yet
	}
	known := make([]mhl.Known, 0, len(files))
	for _, f := range files {
		rel, err := filepath.Rel(p.opts.Library, f.Path)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			continue
		}
		abs := filepath.Join(root, rel)
		known = append(known, mhl.Known{Path: filepath.ToSlash(rel), Size: f.SizeBytes, Algo: f.HashAlgo, Hash: f.Hash, Fresh: fresh[abs]})
	}
	// A Write stopped between the generation and the chain left the chain
	// short; the reference tool refuses such a history.
	if fixed, err := mhl.RepairChain(ctx, root); err != nil {
		return "", fmt.Errorf("ASC MHL history of %s: %w", root, err)
	} else if fixed {
		p.log.Info("ASC MHL chain repaired: it lacked a generation an interrupted run wrote", "root", root)
	}
	g, problems, err := mhl.Catchup(ctx, root, known, rehash)
	if err != nil {
		return "", fmt.Errorf("ASC MHL history of %s: %w", root, err)
	}
	for _, pr := range problems {
		p.log.Warn("ASC MHL history not brought up to date", "root", root, "err", pr)
	}
	if len(g.Entries) == 0 && len(g.Renames) == 0 {
		return "", errors.Join(problems...)
	}
	g.Process, g.Ignore = mhl.ProcessTransfer, []string{".rushes", ".rushes/"}
	g.Creator = mhl.CreatorInfo{Tool: "rushes", Version: p.opts.Version}
	crashpoint.Here("manifest-write") // the catalog knows more than the history, which is not written yet
	path, err := mhl.Write(ctx, g)
	if err != nil {
		return "", fmt.Errorf("write ASC MHL on %s: %w", root, err)
	}
	return path, errors.Join(problems...)
}

// rehashFile reads a backup's file from the disk for the history.
func rehashFile(ctx context.Context, path, algo string) (string, error) {
	sum, _, err := offload.HashFile(ctx, path, algo)
	return sum, err
}

// freshCopies are the copies a run verified, by absolute path.
func freshCopies(w []Written) map[string]bool {
	m := make(map[string]bool, len(w))
	for _, c := range w {
		m[c.Path] = true
	}
	return m
}
