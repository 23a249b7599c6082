package mhl

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

const (
	nsHashList  = "urn:ASC:MHL:v2.0"
	nsDirectory = "urn:ASC:MHL:DIRECTORY:v2.0"
	xmlHeader   = `<?xml version="1.0" encoding="UTF-8"?>` + "\n"
)

// The shapes of a generation file, for decoding. Elements match in any
// namespace; the root's is checked by hand.
type (
	xHashList struct {
		XMLName xml.Name   `xml:"hashlist"`
		Version string     `xml:"version,attr"`
		Creator xCreator   `xml:"creatorinfo"`
		Process xProcess   `xml:"processinfo"`
		Hashes  []xHash    `xml:"hashes>hash"`
		Dirs    []xDirHash `xml:"hashes>directoryhash"`
	}
	xCreator struct {
		CreationDate string    `xml:"creationdate"`
		Hostname     string    `xml:"hostname"`
		Tool         xTool     `xml:"tool"`
		Authors      []xAuthor `xml:"author"`
		Location     string    `xml:"location"`
		Comment      string    `xml:"comment"`
	}
	xTool struct {
		Name    string `xml:",chardata"`
		Version string `xml:"version,attr"`
	}
	xAuthor struct {
		Name  string `xml:",chardata"`
		Email string `xml:"email,attr"`
		Phone string `xml:"phone,attr"`
		Role  string `xml:"role,attr"`
	}
	xProcess struct {
		Process string         `xml:"process"`
		Root    *xDirContainer `xml:"roothash"`
		Ignore  []string       `xml:"ignore>pattern"`
	}
	xPath struct {
		Path         string `xml:",chardata"`
		Size         string `xml:"size,attr"`
		LastModified string `xml:"lastmodificationdate,attr"`
	}
	xHash struct {
		Path         xPath    `xml:"path"`
		PreviousPath *string  `xml:"previousPath"`
		Values       []xValue `xml:",any"` // the hash formats, and metadata
	}
	xDirHash struct {
		Path xPath `xml:"path"`
		xDirContainer
	}
	xDirContainer struct {
		Content   xValues `xml:"content"`
		Structure xValues `xml:"structure"`
	}
	xValues struct {
		Values []xValue `xml:",any"`
	}
	xValue struct {
		XMLName  xml.Name
		Action   string `xml:"action,attr"`
		HashDate string `xml:"hashdate,attr"`
		Text     string `xml:",chardata"`
	}
	xChain struct {
		XMLName xml.Name     `xml:"ascmhldirectory"`
		Links   []xChainLink `xml:"hashlist"`
	}
	xChainLink struct {
		Seq  string `xml:"sequencenr,attr"`
		Path string `xml:"path"`
		C4   string `xml:"c4"`
	}
)

// xmlWriter writes indented XML the way the reference tool lays it out:
// two spaces a level, one element a line.
type xmlWriter struct {
	b     bytes.Buffer
	depth int
}

// open writes a start tag; attrs are name, value pairs, empty values left out.
func (w *xmlWriter) open(tag string, attrs ...string) {
	w.startTag(tag, attrs)
	w.b.WriteString(">\n")
	w.depth++
}

func (w *xmlWriter) close(tag string) {
	w.depth--
	w.indent()
	w.b.WriteString("</" + tag + ">\n")
}

// leaf writes an element holding text.
func (w *xmlWriter) leaf(tag, text string, attrs ...string) {
	w.startTag(tag, attrs)
	w.b.WriteByte('>')
	escape(&w.b, text, false)
	w.b.WriteString("</" + tag + ">\n")
}

func (w *xmlWriter) startTag(tag string, attrs []string) {
	w.indent()
	w.b.WriteString("<" + tag)
	for i := 0; i+1 < len(attrs); i += 2 {
		if attrs[i+1] == "" {
			continue
		}
		w.b.WriteString(" " + attrs[i] + `="`)
		escape(&w.b, attrs[i+1], true)
		w.b.WriteByte('"')
	}
}

func (w *xmlWriter) indent() {
	for range w.depth {
		w.b.WriteString("  ")
	}
}

// escape writes s as XML character data, or as an attribute value in double
// quotes, escaping no more than needed so names stay readable. Line breaks
// and tabs become references so a parser hands them back unchanged; a
// character XML cannot carry becomes U+FFFD (paths are checked before).
func escape(b *bytes.Buffer, s string, attr bool) {
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"' && attr:
			b.WriteString("&quot;")
		case r == '\t', r == '\n', r == '\r':
			fmt.Fprintf(b, "&#x%X;", r)
		case !xmlSafe(string(r)):
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteRune(r)
		}
	}
}

// xmlTime formats a time as an XML Schema dateTime in UTC, with fractional
// seconds only when there are any; zero is left out.
func xmlTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02T15:04:05.999999999-07:00")
}

// parseTime reads an XML Schema dateTime, in UTC; one without a zone is
// taken as UTC.
func parseTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t.UTC(), nil
	}
	t, err := time.Parse("2006-01-02T15:04:05.999999999", s)
	if err != nil {
		return time.Time{}, fmt.Errorf("date %q: not an XML dateTime", s)
	}
	return t, nil
}

// xmlSafe reports whether s can be written in XML 1.0 as it is: valid UTF-8
// made of characters XML allows (no NUL or other C0 controls but tab, LF, CR).
// A file name that is not cannot be recorded faithfully.
func xmlSafe(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		switch {
		case r == '\t', r == '\n', r == '\r':
		case r < 0x20, r == 0xFFFE, r == 0xFFFF, r >= 0xD800 && r <= 0xDFFF:
			return false
		}
	}
	return true
}
