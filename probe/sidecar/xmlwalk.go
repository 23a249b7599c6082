package sidecar

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Bounds on what one document can make the walker keep.
const (
	maxDepth    = 64
	maxText     = 64 << 10 // text kept per element
	maxWarnings = 32
)

// visitor receives each element's start (with its path of local names from
// the root, root included) and, for text elements, its trimmed text.
type visitor struct {
	start func(path []string, se xml.StartElement)
	text  func(path []string, text string)
}

// walkXML streams b's elements to v. It returns the root element's name
// (empty if the document has none) and the first error met; elements
// before the error have been visited.
func walkXML(b []byte, v visitor) (root xml.Name, err error) {
	if !utf8.Valid(b) {
		b = []byte(latin1(b)) // cameras declare UTF-8; a broken one is Latin-1 in practice
	}
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = false
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	var path []string
	var text strings.Builder
	for {
		tok, err := d.Token()
		if err == io.EOF {
			if root.Local == "" {
				return root, io.ErrUnexpectedEOF
			}
			return root, nil
		}
		if err != nil {
			return root, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if root.Local == "" {
				root = t.Name
			} else if len(path) == 0 {
				return root, nil // a second root: the document is over
			}
			if len(path) == maxDepth {
				return root, fmt.Errorf("elements nested deeper than %d", maxDepth)
			}
			path = append(path, t.Name.Local)
			text.Reset()
			if v.start != nil {
				v.start(path, t)
			}
		case xml.CharData:
			if text.Len() < maxText {
				text.Write(t[:min(len(t), maxText-text.Len())])
			}
		case xml.EndElement:
			if len(path) == 0 {
				continue
			}
			if v.text != nil {
				v.text(path, strings.TrimSpace(text.String()))
			}
			text.Reset()
			path = path[:len(path)-1]
		}
	}
}

// attr returns an attribute's trimmed value by local name.
func attr(se xml.StartElement, name string) string {
	for _, a := range se.Attr {
		if a.Name.Local == name {
			return strings.TrimSpace(a.Value)
		}
	}
	return ""
}

// under reports whether path is exactly the root followed by names.
func under(path []string, names ...string) bool {
	if len(path) != len(names)+1 {
		return false
	}
	for i, n := range names {
		if path[i+1] != n {
			return false
		}
	}
	return true
}

func latin1(b []byte) string {
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}

// warnings collects at most maxWarnings messages.
type warnings []string

func (w *warnings) add(format string, args ...any) {
	switch n := len(*w); {
	case n < maxWarnings:
		*w = append(*w, fmt.Sprintf(format, args...))
	case n == maxWarnings:
		*w = append(*w, "further warnings omitted")
	}
}
