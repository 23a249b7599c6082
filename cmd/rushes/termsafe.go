package main

import (
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// A file's metadata is hostile input: an iXML scene can carry ESC sequences
// that retitle the terminal or rewrite what is on screen, and a bidi override
// (U+202E) makes "gpj.exe" read "exe.jpg". termSafe is the one owner of what
// reaches a terminal: every table, show, log and progress line goes through it.

// needsEscape reports whether r must not reach a terminal as it is: C0 and C1
// controls, DEL, newlines, and every character that is not graphic (format
// characters such as the bidi controls U+202A–U+202E, U+2066–U+2069,
// U+200E/F, U+061C; line and paragraph separators; private use; unassigned).
// The space is graphic; other spaces (NBSP) are graphic too, and harmless.
func needsEscape(r rune) bool {
	return r == utf8.RuneError || !unicode.IsGraphic(r)
}

// termSafe returns s with every character needsEscape names written as a
// visible escape: \n \r \t, \x1b for the other ASCII controls and for bytes
// that are not UTF-8, \u202e (\U0001xxxx beyond the BMP) for the rest. A
// backslash is left as it is, so Windows paths stay readable; the escapes are
// for eyes, not for parsing back.
func termSafe(s string) string {
	if !strings.ContainsFunc(s, needsEscape) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1: // a byte that is not UTF-8
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case !needsEscape(r):
			b.WriteString(s[i : i+size])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x80:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r <= 0xFFFF:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			fmt.Fprintf(&b, `\U%08x`, r)
		}
		i += size
	}
	return b.String()
}

// termSafeError is an error as one line per error: the errors of a join
// (config's list of problems) each on their own line, every line escaped,
// so a newline in a file name cannot forge a line of rushes' own.
func termSafeError(err error) []string {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var lines []string
		for _, e := range j.Unwrap() {
			lines = append(lines, termSafeError(e)...)
		}
		return lines
	}
	return []string{termSafe(err.Error())}
}

// printError writes err on w, each line prefixed "rushes: ".
func printError(w io.Writer, err error) {
	for _, line := range termSafeError(err) {
		fmt.Fprintln(w, "rushes:", line)
	}
}

// jsonTermSafe rewrites JSON text so a terminal shows it as it is:
// encoding/json and slog escape the ASCII controls but pass C1 controls, DEL
// and the bidi characters through raw. Outside strings JSON is ASCII, so
// every such character is inside a string, where \uXXXX is the same value:
// the output stays exact JSON, decoding to the same data.
func jsonTermSafe(p []byte) []byte {
	if !hasEscapable(p) {
		return p
	}
	out := make([]byte, 0, len(p)+32)
	for i := 0; i < len(p); {
		r, size := utf8.DecodeRune(p[i:])
		switch {
		case r < utf8.RuneSelf && r != 0x7f, !needsEscape(r) && size > 1:
			out = append(out, p[i:i+size]...)
		case r == utf8.RuneError && size <= 1:
			out = append(out, `\ufffd`...) // what a decoder makes of it anyway
		case r > 0xFFFF:
			hi, lo := utf16.EncodeRune(r) // JSON writes them as a surrogate pair
			out = fmt.Appendf(out, `\u%04x\u%04x`, hi, lo)
		default:
			out = fmt.Appendf(out, `\u%04x`, r)
		}
		i += size
	}
	return out
}

func hasEscapable(p []byte) bool {
	for i := 0; i < len(p); {
		if p[i] < utf8.RuneSelf {
			if p[i] == 0x7f {
				return true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(p[i:])
		if needsEscape(r) {
			return true
		}
		i += size
	}
	return false
}

// jsonSafeWriter passes JSON through jsonTermSafe. Each Write must be whole
// JSON text (a slog record, an encoded value), never half a character.
type jsonSafeWriter struct{ w io.Writer }

func (j jsonSafeWriter) Write(p []byte) (int, error) {
	if _, err := j.w.Write(jsonTermSafe(p)); err != nil {
		return 0, err
	}
	return len(p), nil
}
