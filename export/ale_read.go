package export

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
)

// ALEFile is an Avid Log Exchange file as read: the Heading's key/value
// pairs, the Column names and the Data rows, each row holding one value per
// column (missing trailing values are empty).
type ALEFile struct {
	Heading map[string]string
	Columns []string
	Rows    [][]string
}

// Column returns the index of the named column, -1 when there is none.
func (f *ALEFile) Column(name string) int {
	for i, c := range f.Columns {
		if c == name {
			return i
		}
	}
	return -1
}

// Value returns row's value in the named column, "" when there is no such
// column or row.
func (f *ALEFile) Value(row int, column string) string {
	i := f.Column(column)
	if i < 0 || row < 0 || row >= len(f.Rows) {
		return ""
	}
	return f.Rows[row][i]
}

// maxALELine bounds one line of an ALE; real column lines run to a few
// kilobytes.
const maxALELine = 4 << 20

// ReadALE reads an Avid Log Exchange file: Heading, Column and Data sections
// in that order, section names matched without regard to case, with or
// without blank lines between sections and headings, lines ended by LF, CRLF
// or CR, an optional UTF-8 byte order mark. A trailing tab after the last
// column or value (DaVinci Resolve writes one) adds no column. A row with
// more values than there are columns is an error, as is a FIELD_DELIM other
// than TABS.
func ReadALE(r io.Reader) (*ALEFile, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxALELine)
	sc.Split(scanALELines)
	f := &ALEFile{Heading: map[string]string{}}
	const (
		start = iota
		heading
		column // after "Column", before its line
		columns
		data
	)
	state := start
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if n == 1 {
			line = strings.TrimPrefix(line, "\uFEFF")
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		word := strings.ToLower(strings.TrimSpace(line))
		switch {
		case state == start && word == "heading":
			state = heading
		case state == start:
			return nil, fmt.Errorf("ale line %d: want Heading, found %q", n, short(line))
		case state == heading && word == "column":
			state = column
		case state == heading:
			key, value, _ := strings.Cut(line, "\t")
			key = strings.TrimSpace(key)
			if key == "FIELD_DELIM" && strings.TrimSpace(value) != "TABS" {
				return nil, fmt.Errorf("ale line %d: FIELD_DELIM %q: only TABS is supported", n, short(value))
			}
			f.Heading[key] = value
		case state == column:
			f.Columns = trimTrailingEmpty(strings.Split(line, "\t"))
			state = columns
		case state == columns && word == "data":
			state = data
		case state == columns:
			return nil, fmt.Errorf("ale line %d: want Data after the Column line, found %q", n, short(line))
		case state == data:
			row := trimTrailingEmpty(strings.Split(line, "\t"))
			if len(row) == 0 {
				continue // a line of tabs only
			}
			if len(row) > len(f.Columns) {
				return nil, fmt.Errorf("ale line %d: %d values for %d columns", n, len(row), len(f.Columns))
			}
			f.Rows = append(f.Rows, append(row, make([]string, len(f.Columns)-len(row))...))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read ale: %w", err)
	}
	switch state {
	case start:
		return nil, fmt.Errorf("ale: no Heading section")
	case heading, column:
		return nil, fmt.Errorf("ale: no Column section")
	case columns:
		return nil, fmt.Errorf("ale: no Data section")
	}
	if len(f.Columns) == 0 {
		return nil, fmt.Errorf("ale: no column names")
	}
	return f, nil
}

// scanALELines splits at LF, CRLF or a lone CR (classic Mac OS).
func scanALELines(b []byte, atEOF bool) (int, []byte, error) {
	if atEOF && len(b) == 0 {
		return 0, nil, nil
	}
	if i := bytes.IndexAny(b, "\r\n"); i >= 0 {
		if b[i] == '\n' {
			return i + 1, b[:i], nil
		}
		if i+1 < len(b) {
			if b[i+1] == '\n' {
				return i + 2, b[:i], nil
			}
			return i + 1, b[:i], nil
		}
		if atEOF {
			return i + 1, b[:i], nil
		}
		return 0, nil, nil // a CR at the end of the buffer: is an LF next?
	}
	if atEOF {
		return len(b), b, nil
	}
	return 0, nil, nil
}

func trimTrailingEmpty(s []string) []string {
	for len(s) > 0 && s[len(s)-1] == "" {
		s = s[:len(s)-1]
	}
	return s
}

// short shortens text quoted in an error.
func short(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}
