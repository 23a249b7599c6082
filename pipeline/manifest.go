package pipeline

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/rushes/rushes/mhl"
)

// Written is one verified copy a run made.
type Written struct {
	Path  string // absolute, on the library or a backup
	Size  int64
	Hash  string
	Mtime time.Time // the copy keeps the source's modification time
}

// writeManifests writes an ASC MHL generation for the run on the library
// and on every backup that received files: the hashes of the copies made
// (action "original": first recorded on that drive) and the library's
// renames. Nothing is written for a run that changed nothing.
func (p *Pipeline) writeManifests(ctx context.Context, sum Summary) ([]string, error) {
	roots := append([]string{p.opts.Library}, p.opts.Backups...)
	var written []string
	for i, root := range roots {
		g := mhl.Generation{Root: root, Process: mhl.ProcessTransfer, Ignore: []string{".rushes", ".rushes/"},
			Creator: mhl.CreatorInfo{Tool: "rushes", Version: p.opts.Version}}
		moved := map[string]string{} // a file copied and then moved in this run is recorded at its new place only
		if i == 0 {
			for _, m := range sum.Moved {
				moved[m.From] = m.To
			}
		}
		fresh := map[string]bool{}
		for _, w := range sum.Written {
			if to, ok := moved[w.Path]; ok {
				fresh[w.Path] = true
				w.Path = to
			}
			rel, err := filepath.Rel(root, w.Path)
			if err != nil || strings.HasPrefix(rel, "..") {
				continue
			}
			g.Entries = append(g.Entries, mhl.Entry{Path: filepath.ToSlash(rel), Size: w.Size, ModTime: w.Mtime,
				Algo: p.opts.Hash, Hash: w.Hash, Action: mhl.ActionOriginal})
		}
		if i == 0 {
			for _, m := range sum.Moved {
				if fresh[m.From] {
					continue
				}
				from, _ := filepath.Rel(root, m.From)
				to, _ := filepath.Rel(root, m.To)
				g.Renames = append(g.Renames, mhl.Rename{From: filepath.ToSlash(from), To: filepath.ToSlash(to)})
			}
		}
		if len(g.Entries) == 0 && len(g.Renames) == 0 {
			continue
		}
		path, err := mhl.Write(ctx, g)
		if err != nil {
			return written, fmt.Errorf("write ASC MHL on %s: %w", root, err)
		}
		written = append(written, path)
	}
	return written, nil
}
