package mhl

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

const (
	historyDir = "ascmhl"
	chainFile  = "ascmhl_chain.xml"
)

// genFileName matches a generation file: its number, at least four digits,
// then optionally an underscore and anything.
var genFileName = regexp.MustCompile(`^(\d{4,})(?:_.*)?\.mhl$`)

// ChainLink is one hashlist of the chain file: a generation's number, its
// file name inside ascmhl/ and the C4 id of that file's bytes.
type ChainLink struct {
	Number int
	Path   string
	C4     string
}

// readChain parses ascmhl/ascmhl_chain.xml; a missing chain is no links.
func readChain(dir string) ([]ChainLink, error) {
	data, err := os.ReadFile(filepath.Join(dir, chainFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read chain: %w", err)
	}
	var x xChain
	if err := xml.Unmarshal(data, &x); err != nil {
		return nil, fmt.Errorf("parse %s: %w", chainFile, err)
	}
	if x.XMLName.Space != nsDirectory {
		return nil, fmt.Errorf("parse %s: root element in namespace %q, want %q", chainFile, x.XMLName.Space, nsDirectory)
	}
	links := make([]ChainLink, 0, len(x.Links))
	for _, l := range x.Links {
		n, err := strconv.Atoi(strings.TrimSpace(l.Seq))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("parse %s: sequencenr %q of %s is not a positive number", chainFile, l.Seq, l.Path)
		}
		p := strings.TrimSpace(l.Path)
		if !filepath.IsLocal(filepath.FromSlash(p)) {
			return nil, fmt.Errorf("parse %s: hashlist %d has path %q", chainFile, n, l.Path)
		}
		links = append(links, ChainLink{Number: n, Path: p, C4: strings.TrimSpace(l.C4)})
	}
	return links, nil
}

// marshalChain lays out a chain file as the reference tool does.
func marshalChain(links []ChainLink) []byte {
	var w xmlWriter
	w.b.WriteString(xmlHeader)
	w.open("ascmhldirectory", "xmlns", nsDirectory)
	for _, l := range links {
		w.open("hashlist", "sequencenr", strconv.Itoa(l.Number))
		w.leaf("path", l.Path)
		w.leaf("c4", l.C4)
		w.close("hashlist")
	}
	w.close("ascmhldirectory")
	return w.b.Bytes()
}

// nextChain returns the chain to write after adding link: the links the
// chain file has, plus one for every generation file it lacks (a previous
// Write stopped between its two renames), in sequence order.
func nextChain(h *History, link ChainLink) []ChainLink {
	links := slices.Clone(h.Chain)
	for _, g := range h.Generations {
		if !slices.ContainsFunc(links, func(l ChainLink) bool { return l.Path == g.Name }) {
			links = append(links, ChainLink{Number: g.Number, Path: g.Name, C4: g.C4})
		}
	}
	links = append(links, link)
	slices.SortStableFunc(links, func(a, b ChainLink) int { return a.Number - b.Number })
	return links
}
