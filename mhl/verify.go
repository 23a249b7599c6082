package mhl

import (
	"context"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// ProblemKind says what Verify found wrong.
type ProblemKind string

const (
	ProblemMissing    ProblemKind = "missing"    // recorded, not on disk
	ProblemChanged    ProblemKind = "changed"    // on disk, but not the recorded bytes (or not a regular file)
	ProblemNew        ProblemKind = "new"        // on disk, recorded in no generation
	ProblemUnreadable ProblemKind = "unreadable" // could not be read to check it
	ProblemHistory    ProblemKind = "history"    // the history itself: a generation file and the chain disagree
)

// Problem is one thing Verify found wrong, naming the file.
type Problem struct {
	Kind   ProblemKind
	Path   string // relative to the root, slash-separated (ascmhl/... for the history's own files)
	Algo   string // for a hash mismatch
	Want   string // the recorded hash
	Got    string // the hash of the bytes now
	Detail string
}

func (p Problem) String() string {
	s := string(p.Kind) + " " + p.Path
	if p.Want != "" || p.Got != "" {
		s += fmt.Sprintf(": %s %s, recorded %s", p.Algo, p.Got, p.Want)
	}
	if p.Detail != "" {
		s += ": " + p.Detail
	}
	return s
}

// Verify checks the folder root against its ASC MHL history: every
// generation file against the C4 id the chain gives it, every file the
// history knows by re-hashing it in every algorithm it has a good hash in
// (one read per file), and every file on disk for having a record at all.
// Files matching the latest generation's ignore patterns are not looked for.
// It returns the problems sorted by path; an error means it could not check
// (no history, cancelled). A nested ascmhl/ folder is skipped like the
// top one: verify a nested history on its own.
func Verify(ctx context.Context, root string) ([]Problem, error) {
	root, err := filepath.Abs(root)
	if err != nil {
		return nil, fmt.Errorf("verify: %w", err)
	}
	h, err := ReadHistory(root)
	if err != nil {
		return nil, fmt.Errorf("verify: %w", err)
	}
	problems := chainProblems(h)
	patterns := append(defaultIgnore(), h.Ignore()...)
	seen := map[string]bool{}
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if cerr := ctx.Err(); cerr != nil {
			return cerr
		}
		rel, rerr := filepath.Rel(root, p)
		if rerr != nil {
			return rerr
		}
		rel = filepath.ToSlash(rel)
		if rel == "." {
			return err
		}
		if ignored(rel, d != nil && d.IsDir(), patterns) {
			if d != nil && d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if err != nil {
			problems = append(problems, Problem{Kind: ProblemUnreadable, Path: rel, Detail: unwrapPath(err).Error()})
			return nil
		}
		if d.IsDir() {
			return nil
		}
		seen[rel] = true
		if f, ok := h.File(rel); ok {
			if pr, bad := checkFile(ctx, root, f); bad {
				problems = append(problems, pr)
			}
		} else {
			problems = append(problems, Problem{Kind: ProblemNew, Path: rel, Detail: "in no generation"})
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("verify %s: %w", root, err)
	}
	for _, f := range h.Files {
		if seen[f.Path] {
			continue
		}
		if pr, bad := checkFile(ctx, root, f); bad {
			problems = append(problems, pr)
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("verify %s: %w", root, err)
	}
	slices.SortStableFunc(problems, func(a, b Problem) int { return strings.Compare(a.Path, b.Path) })
	return problems, nil
}

// chainProblems compares the generation files with the chain.
func chainProblems(h *History) []Problem {
	var out []Problem
	for _, l := range h.Chain {
		i := slices.IndexFunc(h.Generations, func(g HashList) bool { return g.Name == l.Path })
		switch {
		case i < 0:
			out = append(out, Problem{Kind: ProblemHistory, Path: historyDir + "/" + l.Path,
				Detail: fmt.Sprintf("generation %d is in the chain but not in %s", l.Number, historyDir)})
		case h.Generations[i].C4 != l.C4:
			out = append(out, Problem{Kind: ProblemHistory, Path: historyDir + "/" + l.Path, Algo: "c4",
				Want: l.C4, Got: h.Generations[i].C4, Detail: "the generation file is not the one the chain recorded"})
		}
	}
	for _, g := range h.Generations {
		if !slices.ContainsFunc(h.Chain, func(l ChainLink) bool { return l.Path == g.Name }) {
			out = append(out, Problem{Kind: ProblemHistory, Path: historyDir + "/" + g.Name,
				Detail: "not in " + chainFile + " (the next Write adds it)"})
		}
	}
	return out
}

// checkFile re-hashes one recorded file; bad is false when it matches.
func checkFile(ctx context.Context, root string, f FileState) (p Problem, bad bool) {
	p = Problem{Kind: ProblemChanged, Path: f.Path}
	full := filepath.Join(root, filepath.FromSlash(f.Path))
	fi, err := os.Lstat(full)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		p.Kind, p.Detail = ProblemMissing, fmt.Sprintf("recorded in generation %d", f.Generation)
		return p, true
	case err != nil:
		p.Kind, p.Detail = ProblemUnreadable, unwrapPath(err).Error()
		return p, true
	case !fi.Mode().IsRegular():
		p.Detail = "not a regular file: " + fi.Mode().Type().String()
		return p, true
	case fi.Size() != f.Size:
		p.Detail = fmt.Sprintf("%d bytes, recorded %d", fi.Size(), f.Size)
		return p, true
	case len(f.Hashes) == 0:
		p.Detail = fmt.Sprintf("generation %d recorded it as failed, with no good hash to check against", f.Generation)
		return p, true
	}
	sums, err := hashFile(ctx, full, f.Hashes)
	if err != nil {
		p.Kind, p.Detail = ProblemUnreadable, err.Error()
		return p, true
	}
	for i, e := range f.Hashes {
		if sums[i] != e.Hash {
			p.Algo, p.Want, p.Got = e.Algo, e.Hash, sums[i]
			return p, true
		}
	}
	return p, false
}

// hashFile hashes a file in every algorithm of want in a single read.
func hashFile(ctx context.Context, file string, want []Entry) ([]string, error) {
	hs := make([]hash.Hash, len(want))
	ws := make([]io.Writer, len(want))
	for i, e := range want {
		h, err := newHash(e.Algo)
		if err != nil {
			return nil, err
		}
		hs[i], ws[i] = h, h
	}
	f, err := os.Open(file)
	if err != nil {
		return nil, unwrapPath(err)
	}
	defer f.Close()
	w := io.MultiWriter(ws...)
	buf := make([]byte, 1<<20)
	var off int64
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		n, rerr := f.Read(buf)
		w.Write(buf[:n])
		off += int64(n)
		if errors.Is(rerr, io.EOF) {
			break
		}
		if rerr != nil {
			return nil, fmt.Errorf("read at byte %d: %w", off, unwrapPath(rerr))
		}
	}
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = encodeSum(want[i].Algo, h.Sum(nil))
	}
	return out, nil
}

// ignored matches a slash-separated path against ignore patterns the way
// the reference tool's gitignore-style ones mostly go: a pattern ending in
// "/" matches folders only; one with a "/" elsewhere matches the whole path
// from the root; any other matches the last name, at any depth.
func ignored(rel string, isDir bool, patterns []string) bool {
	for _, pat := range patterns {
		dirOnly := strings.HasSuffix(pat, "/")
		pat = strings.TrimSuffix(pat, "/")
		if pat == "" || dirOnly && !isDir {
			continue
		}
		subject := path.Base(rel)
		if strings.Contains(pat, "/") {
			pat, subject = strings.TrimPrefix(pat, "/"), rel
		}
		if ok, _ := path.Match(pat, subject); ok {
			return true
		}
	}
	return false
}

// unwrapPath strips an *os.PathError so a message does not repeat the name.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
