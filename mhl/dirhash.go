package mhl

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// DirHash is what a generation records for one folder in one algorithm.
// Content hashes the sorted raw content hashes of the folder's children;
// Structure hashes the sorted hashes of (child name + child hash), where a
// child folder contributes its structure hash, so renaming or moving anything
// inside changes it while the content hash stays.
type DirHash struct {
	Path      string // relative to the history root, slash-separated; "." is the root
	ModTime   time.Time
	Algo      string
	Content   string
	Structure string
	HashDate  time.Time
}

// DirHashes computes the directory hashes, in algo, of every folder that the
// given files imply, the root included as ".": files maps a slash-separated
// path relative to the root to its hash in algo. Only the listed files count;
// a folder with no listed file below it does not exist here.
func DirHashes(algo string, files map[string]string) ([]DirHash, error) {
	if _, err := newHash(algo); err != nil {
		return nil, err
	}
	root := newDir("")
	for _, p := range slices.Sorted(maps.Keys(files)) {
		n, err := root.add(p)
		if err != nil {
			return nil, err
		}
		n.sums = map[string]string{algo: files[p]}
	}
	sums := map[string]dirSum{}
	if _, ok, err := root.dirSums(algo, ".", sums); err != nil || !ok {
		return nil, err
	}
	var out []DirHash
	for _, p := range slices.Sorted(maps.Keys(sums)) {
		s := sums[p]
		out = append(out, DirHash{Path: p, Algo: algo,
			Content: encodeSum(algo, s.content), Structure: encodeSum(algo, s.structure)})
	}
	return out, nil
}

// node is a file or folder of the tree a generation describes.
type node struct {
	name     string
	children map[string]*node  // nil for a file
	sums     map[string]string // a file's hash per algorithm
	rec      *record           // what this generation records for the file, if anything
}

func newDir(name string) *node { return &node{name: name, children: map[string]*node{}} }

func (n *node) isDir() bool { return n.children != nil }

// add creates the file node at the slash-separated path p, with its
// folders; on a clash with what is there it changes nothing.
func (n *node) add(p string) (*node, error) {
	parts := strings.Split(p, "/")
	dir := n
	for i, name := range parts {
		c := dir.children[name]
		if c == nil {
			break
		}
		if i == len(parts)-1 || !c.isDir() {
			return nil, fmt.Errorf("path %s: listed twice, or both a file and a folder", strings.Join(parts[:i+1], "/"))
		}
		dir = c
	}
	dir = n
	for _, name := range parts[:len(parts)-1] {
		if dir.children[name] == nil {
			dir.children[name] = newDir(name)
		}
		dir = dir.children[name]
	}
	leaf := &node{name: parts[len(parts)-1]}
	dir.children[leaf.name] = leaf
	return leaf, nil
}

// sortedChildren returns a folder's children in the order ASC MHL walks
// them: by name, as Unicode code points (which is UTF-8 byte order).
func (n *node) sortedChildren() []*node {
	out := make([]*node, 0, len(n.children))
	for _, k := range slices.Sorted(maps.Keys(n.children)) {
		out = append(out, n.children[k])
	}
	return out
}

type dirSum struct{ content, structure []byte }

// dirSums computes the raw directory hashes in algo of the folder n at path
// p and of every folder below it, storing each in out. ok is false when some
// file below n has no hash in algo: then n has no directory hash (its
// subfolders may still have theirs).
func (n *node) dirSums(algo, p string, out map[string]dirSum) (s dirSum, ok bool, err error) {
	var contents, structures [][]byte
	ok = true
	for _, c := range n.sortedChildren() {
		var raw []byte
		if c.isDir() {
			cs, cok, err := c.dirSums(algo, join(p, c.name), out)
			if err != nil {
				return s, false, err
			}
			if !cok {
				ok = false
				continue
			}
			contents = append(contents, cs.content)
			raw = cs.structure
		} else {
			text, has := c.sums[algo]
			if !has {
				ok = false
				continue
			}
			if raw, err = decodeSum(algo, text); err != nil {
				return s, false, fmt.Errorf("%s: %w", join(p, c.name), err)
			}
			contents = append(contents, raw)
		}
		named, err := sumOf(algo, []byte(c.name), raw)
		if err != nil {
			return s, false, err
		}
		structures = append(structures, named)
	}
	if !ok {
		return s, false, nil
	}
	if s.content, err = sumOfSorted(algo, contents); err != nil {
		return s, false, err
	}
	if s.structure, err = sumOfSorted(algo, structures); err != nil {
		return s, false, err
	}
	out[p] = s
	return s, true, nil
}

// sumOfSorted hashes the concatenation of sums in ascending byte order.
func sumOfSorted(algo string, sums [][]byte) ([]byte, error) {
	slices.SortFunc(sums, bytes.Compare)
	return sumOf(algo, sums...)
}

func sumOf(algo string, parts ...[]byte) ([]byte, error) {
	h, err := newHash(algo)
	if err != nil {
		return nil, err
	}
	for _, b := range parts {
		h.Write(b)
	}
	return h.Sum(nil), nil
}

// join appends name to the slash-separated folder path p ("." is the root).
func join(p, name string) string {
	if p == "." || p == "" {
		return name
	}
	return p + "/" + name
}
