package mhl

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"github.com/rushes/rushes/crashpoint"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// tempPrefix names Write's temporary files in ascmhl/; the reference tool
// only reads *.mhl and the chain there, and Write removes leftovers.
const tempPrefix = ".rushes-tmp-"

// Write records g as the next generation of the history in g.Root/ascmhl
// (created if missing) and adds it to the chain file. It returns the path of
// the new generation file, NNNN_<root name>_<yyyy-mm-dd>_<hhmmss>Z.mhl in UTC.
//
// Every folder gets content and structure hashes in each algorithm of the
// generation's hashes, computed over every file it is known to hold: the ones
// recorded now and the ones earlier generations recorded that are still
// there (their latest hashes). A folder holding a file known in no such
// algorithm gets no directory hash in that algorithm. Write reads no file
// content; it only looks at what files and folders exist.
//
// Both files are written to a temporary name, flushed, and renamed into
// place, and the folder is flushed; a generation file is never overwritten.
// Writers of one history take turns (an flock on ascmhl/). Should Write stop
// between the two files, the generation is in place but not in the chain:
// Verify reports it, and the next Write adds it to the chain.
func Write(ctx context.Context, g Generation) (string, error) {
	root, err := filepath.Abs(g.Root)
	if err != nil {
		return "", fmt.Errorf("write mhl: %w", err)
	}
	if fi, err := os.Stat(root); err != nil || !fi.IsDir() {
		return "", fmt.Errorf("write mhl: root %s is not a folder", root)
	}
	name := filepath.Base(root)
	if name == string(filepath.Separator) || name == "." {
		return "", fmt.Errorf("write mhl: root %s has no name", root)
	}
	if g, err = normalize(g); err != nil {
		return "", fmt.Errorf("write mhl in %s: %w", root, err)
	}
	dir := filepath.Join(root, historyDir)
	if err := ensureDir(dir); err != nil {
		return "", fmt.Errorf("write mhl: %w", err)
	}
	unlock, err := lockDir(ctx, dir)
	if err != nil {
		return "", fmt.Errorf("write mhl: lock %s: %w", dir, err)
	}
	defer unlock()
	removeTemps(dir)

	h, err := readHistory(root)
	if err != nil {
		return "", fmt.Errorf("write mhl: read history of %s: %w", root, err)
	}
	p, err := makePlan(root, g, h)
	if err != nil {
		return "", fmt.Errorf("write mhl in %s: %w", root, err)
	}
	data := marshalGeneration(root, g, h, p)
	num := nextNumber(h)
	file := fmt.Sprintf("%04d_%s_%s.mhl", num, name, g.Creator.Date.UTC().Format("2006-01-02_150405Z"))
	if err := ctx.Err(); err != nil {
		return "", fmt.Errorf("write mhl: %w", err)
	}
	if err := writeAtomic(dir, file, data, false); err != nil {
		return "", fmt.Errorf("write mhl: %w", err)
	}
	crashpoint.Here("manifest-chain") // the generation is in place, the chain not yet
	id, err := C4(bytes.NewReader(data))
	if err != nil {
		return "", err
	}
	chain := marshalChain(nextChain(h, ChainLink{Number: num, Path: file, C4: id}))
	if err := writeAtomic(dir, chainFile, chain, true); err != nil {
		return "", fmt.Errorf("write mhl chain: %w", err)
	}
	return filepath.Join(dir, file), nil
}

// RepairChain adds to the chain file every generation of root's history it
// lacks (a Write stopped between its two files, a chain file deleted) and
// says whether it changed anything. A history with no generation is left
// alone.
func RepairChain(ctx context.Context, root string) (bool, error) {
	dir := filepath.Join(root, historyDir)
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	unlock, err := lockDir(ctx, dir)
	if err != nil {
		return false, fmt.Errorf("repair mhl chain: lock %s: %w", dir, err)
	}
	defer unlock()
	h, err := readHistory(root)
	if err != nil {
		return false, fmt.Errorf("repair mhl chain of %s: %w", root, err)
	}
	missing := false
	for _, g := range h.Generations {
		if !slices.ContainsFunc(h.Chain, func(l ChainLink) bool { return l.Path == g.Name }) {
			missing = true
		}
	}
	if !missing {
		return false, nil
	}
	links := nextChain(h, ChainLink{})
	links = slices.DeleteFunc(links, func(l ChainLink) bool { return l.Path == "" })
	if err := writeAtomic(dir, chainFile, marshalChain(links), true); err != nil {
		return false, fmt.Errorf("repair mhl chain: %w", err)
	}
	return true, nil
}

// nextNumber is one past the highest generation the folder or chain knows.
func nextNumber(h *History) int {
	n := 0
	for _, g := range h.Generations {
		n = max(n, g.Number)
	}
	for _, l := range h.Chain {
		n = max(n, l.Number)
	}
	return n + 1
}

// marshalGeneration lays out a generation file as the reference tool does:
// files and folders in post-order, each folder's children by name.
func marshalGeneration(root string, g Generation, h *History, p *plan) []byte {
	var w xmlWriter
	w.b.WriteString(xmlHeader)
	w.open("hashlist", "version", "2.0", "xmlns", nsHashList)

	c := g.Creator
	w.open("creatorinfo")
	w.leaf("creationdate", xmlTime(c.Date))
	w.leaf("hostname", c.Hostname)
	w.leaf("tool", c.Tool, "version", c.Version)
	for _, a := range c.Authors {
		w.leaf("author", a.Name, "email", a.Email, "phone", a.Phone, "role", a.Role)
	}
	if c.Location != "" {
		w.leaf("location", c.Location)
	}
	if c.Comment != "" {
		w.leaf("comment", c.Comment)
	}
	w.close("creatorinfo")

	w.open("processinfo")
	w.leaf("process", g.Process)
	if p.hasDirHash(".") {
		w.open("roothash")
		p.writeDirSums(&w, ".", xmlTime(c.Date))
		w.close("roothash")
	}
	w.open("ignore")
	for _, pat := range ignorePatterns(g, h) {
		w.leaf("pattern", pat)
	}
	w.close("ignore")
	w.close("processinfo")

	if hasRecords(p.tree) {
		w.open("hashes")
		p.writeTree(&w, root, p.tree, ".", xmlTime(c.Date))
		w.close("hashes")
	}
	w.close("hashlist")
	return w.b.Bytes()
}

// writeTree writes the <hash> of each recorded file below n and the
// <directoryhash> of each folder, a folder after its contents.
func (p *plan) writeTree(w *xmlWriter, root string, n *node, at, date string) {
	for _, c := range n.sortedChildren() {
		cp := join(at, c.name)
		if c.isDir() {
			p.writeTree(w, root, c, cp, date)
			if p.hasDirHash(cp) {
				w.open("directoryhash")
				w.leaf("path", cp, "lastmodificationdate", xmlTime(dirModTime(filepath.Join(root, filepath.FromSlash(cp)))))
				p.writeDirSums(w, cp, date)
				w.close("directoryhash")
			}
			continue
		}
		r := c.rec
		if r == nil {
			continue
		}
		w.open("hash")
		w.leaf("path", r.path, "size", strconv.FormatInt(r.size, 10), "lastmodificationdate", xmlTime(r.modTime))
		for _, v := range r.values {
			w.leaf(v.Algo, v.Hash, "action", v.Action, "hashdate", xmlTime(v.HashDate))
		}
		if r.previous != "" {
			w.leaf("previousPath", r.previous)
		}
		w.close("hash")
	}
}

func (p *plan) hasDirHash(at string) bool {
	for _, algo := range p.algos {
		if _, ok := p.dirs[algo][at]; ok {
			return true
		}
	}
	return false
}

// writeDirSums writes the <content> and <structure> of the folder at.
func (p *plan) writeDirSums(w *xmlWriter, at, date string) {
	for _, part := range []string{"content", "structure"} {
		w.open(part)
		for _, algo := range p.algos {
			s, ok := p.dirs[algo][at]
			if !ok {
				continue
			}
			sum := s.content
			if part == "structure" {
				sum = s.structure
			}
			w.leaf(algo, encodeSum(algo, sum), "hashdate", date)
		}
		w.close(part)
	}
}

func hasRecords(n *node) bool {
	for _, c := range n.children {
		if c.rec != nil || c.isDir() && hasRecords(c) {
			return true
		}
	}
	return false
}

// ignorePatterns are the defaults, then the latest generation's, then g's,
// each once.
func ignorePatterns(g Generation, h *History) []string {
	var out []string
	for _, list := range [][]string{defaultIgnore(), h.Ignore(), g.Ignore} {
		for _, p := range list {
			if p = strings.TrimSpace(p); p != "" && !slices.Contains(out, p) {
				out = append(out, p)
			}
		}
	}
	return out
}
