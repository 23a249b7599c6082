package mhl

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// ErrNoHistory is returned when a folder has no ASC MHL history to read.
var ErrNoHistory = errors.New("no ASC MHL history")

// HashList is one generation file.
type HashList struct {
	Number  int
	Name    string // file name inside ascmhl/
	C4      string // C4 id of the file's bytes as read now
	Creator CreatorInfo
	Process string
	Ignore  []string
	Entries []Entry   // one per path and algorithm
	Renames []Rename  // paths recorded with their previous path
	Dirs    []DirHash // directory hashes, the root's as "."
}

// ReadHistory parses the chain and every generation of the history in
// root/ascmhl. It does not check the chain's C4 ids against the files (Verify
// does); it fails on a file that is not ASC MHL, or that names a path leaving
// root. errors.Is(err, ErrNoHistory) when root has no generation.
func ReadHistory(root string) (*History, error) {
	h, err := readHistory(root)
	if err != nil {
		return nil, fmt.Errorf("read history of %s: %w", root, err)
	}
	if len(h.Generations) == 0 && len(h.Chain) == 0 {
		return nil, fmt.Errorf("read history of %s: %w", root, ErrNoHistory)
	}
	return h, nil
}

// readHistory reads what there is: a root without ascmhl/ has an empty history.
func readHistory(root string) (*History, error) {
	h := &History{Root: root}
	dir := filepath.Join(root, historyDir)
	ents, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return h, nil
	}
	if err != nil {
		return nil, err
	}
	if h.Chain, err = readChain(dir); err != nil {
		return nil, err
	}
	for _, e := range ents {
		m := genFileName.FindStringSubmatch(e.Name())
		if m == nil || !e.Type().IsRegular() {
			continue
		}
		n, err := strconv.Atoi(m[1])
		if err != nil {
			return nil, fmt.Errorf("read %s: generation number: %w", e.Name(), err)
		}
		hl, err := readHashList(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		hl.Number = n
		h.Generations = append(h.Generations, *hl)
	}
	slices.SortStableFunc(h.Generations, func(a, b HashList) int { return a.Number - b.Number })
	for i := 1; i < len(h.Generations); i++ {
		if a, b := h.Generations[i-1], h.Generations[i]; a.Number == b.Number {
			return nil, fmt.Errorf("%s and %s share generation number %d", a.Name, b.Name, a.Number)
		}
	}
	h.Files = currentFiles(h.Generations)
	return h, nil
}

// readHashList parses one generation file.
func readHashList(file string) (*HashList, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	name := filepath.Base(file)
	hl, err := parseHashList(data)
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", name, err)
	}
	hl.Name = name
	if hl.C4, err = C4(bytes.NewReader(data)); err != nil {
		return nil, err
	}
	return hl, nil
}

func parseHashList(data []byte) (*HashList, error) {
	var x xHashList
	if err := xml.Unmarshal(data, &x); err != nil {
		return nil, err
	}
	if x.XMLName.Space != nsHashList {
		return nil, fmt.Errorf("root element in namespace %q, want %q", x.XMLName.Space, nsHashList)
	}
	hl := &HashList{Process: strings.TrimSpace(x.Process.Process)}
	for _, p := range x.Process.Ignore {
		hl.Ignore = append(hl.Ignore, strings.TrimSpace(p))
	}
	var err error
	if hl.Creator, err = parseCreator(x.Creator); err != nil {
		return nil, err
	}
	for _, xh := range x.Hashes {
		if err := hl.addHash(xh); err != nil {
			return nil, err
		}
	}
	if x.Process.Root != nil {
		if err := hl.addDirHash(".", "", *x.Process.Root); err != nil {
			return nil, err
		}
	}
	for _, xd := range x.Dirs {
		p, err := checkPath(xd.Path.Path)
		if err != nil {
			return nil, err
		}
		if err := hl.addDirHash(p, xd.Path.LastModified, xd.xDirContainer); err != nil {
			return nil, err
		}
	}
	return hl, nil
}

func parseCreator(x xCreator) (CreatorInfo, error) {
	c := CreatorInfo{
		Tool: strings.TrimSpace(x.Tool.Name), Version: x.Tool.Version,
		Hostname: strings.TrimSpace(x.Hostname), Location: x.Location, Comment: x.Comment,
	}
	for _, a := range x.Authors {
		c.Authors = append(c.Authors, Author{Name: strings.TrimSpace(a.Name), Email: a.Email, Phone: a.Phone, Role: a.Role})
	}
	var err error
	if c.Date, err = parseTime(x.CreationDate); err != nil {
		return c, fmt.Errorf("creationdate: %w", err)
	}
	return c, nil
}

// addHash adds the entries of one <hash> element.
func (hl *HashList) addHash(xh xHash) error {
	p, err := checkPath(xh.Path.Path)
	if err != nil {
		return err
	}
	var size int64
	if s := strings.TrimSpace(xh.Path.Size); s != "" {
		if size, err = strconv.ParseInt(s, 10, 64); err != nil || size < 0 {
			return fmt.Errorf("%s: size %q", p, s)
		}
	}
	mod, err := parseTime(xh.Path.LastModified)
	if err != nil {
		return fmt.Errorf("%s: lastmodificationdate: %w", p, err)
	}
	if xh.PreviousPath != nil {
		from, err := checkPath(*xh.PreviousPath)
		if err != nil {
			return fmt.Errorf("%s: previousPath: %w", p, err)
		}
		hl.Renames = append(hl.Renames, Rename{From: from, To: p})
	}
	for _, v := range xh.Values {
		algo := v.XMLName.Local
		if !knownAlgo(algo) {
			continue // metadata, or a format the schema does not know
		}
		e, err := parseValue(p, algo, v)
		if err != nil {
			return err
		}
		e.Size, e.ModTime = size, mod
		hl.Entries = append(hl.Entries, e)
	}
	return nil
}

func parseValue(p, algo string, v xValue) (Entry, error) {
	e := Entry{Path: p, Algo: algo, Hash: strings.TrimSpace(v.Text), Action: v.Action}
	if _, err := decodeSum(algo, e.Hash); err != nil {
		return e, fmt.Errorf("%s: %w", p, err)
	}
	if e.Action != "" && !validAction(e.Action) {
		return e, fmt.Errorf("%s: %s action %q", p, algo, e.Action)
	}
	var err error
	if e.HashDate, err = parseTime(v.HashDate); err != nil {
		return e, fmt.Errorf("%s: hashdate: %w", p, err)
	}
	return e, nil
}

// addDirHash adds the directory hashes of one folder, pairing each content
// hash with the structure hash of the same algorithm.
func (hl *HashList) addDirHash(p, modified string, c xDirContainer) error {
	mod, err := parseTime(modified)
	if err != nil {
		return fmt.Errorf("%s: lastmodificationdate: %w", p, err)
	}
	for _, v := range c.Content.Values {
		algo := v.XMLName.Local
		if !knownAlgo(algo) {
			continue
		}
		e, err := parseValue(p, algo, v)
		if err != nil {
			return err
		}
		d := DirHash{Path: p, ModTime: mod, Algo: algo, Content: e.Hash, HashDate: e.HashDate}
		for _, s := range c.Structure.Values {
			if s.XMLName.Local == algo {
				d.Structure = strings.TrimSpace(s.Text)
			}
		}
		hl.Dirs = append(hl.Dirs, d)
	}
	return nil
}

// checkPath validates a path read from a generation: relative,
// slash-separated, and staying inside the root.
func checkPath(p string) (string, error) {
	if p == "" || path.IsAbs(p) || path.Clean(p) != p || p == "." || p == ".." || strings.HasPrefix(p, "../") {
		return "", fmt.Errorf("path %q: not a relative path inside the root", p)
	}
	return p, nil
}
