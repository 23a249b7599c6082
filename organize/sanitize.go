package organize

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxSegment is the longest segment Sanitize returns, in bytes: below the
// 255-byte NAME_MAX of common file systems, with room for a clash suffix
// such as "_12".
const MaxSegment = 240

// windowsReserved are device names Windows (and exFAT/NTFS shuttle drives
// mounted there) cannot store as file names, with or without an extension.
var windowsReserved = map[string]bool{
	"CON": true, "PRN": true, "AUX": true, "NUL": true,
	"COM1": true, "COM2": true, "COM3": true, "COM4": true, "COM5": true, "COM6": true, "COM7": true, "COM8": true, "COM9": true,
	"LPT1": true, "LPT2": true, "LPT3": true, "LPT4": true, "LPT5": true, "LPT6": true, "LPT7": true, "LPT8": true, "LPT9": true,
}

// Sanitize turns any value read from a file (a scene name, a reel, a file
// name) into one path segment that cannot leave its folder: no separators,
// no "..", no NUL or control characters, no characters Windows file systems
// reject, no leading dots, no trailing dots or spaces, no reserved device
// names, at most MaxSegment bytes. A value with nothing left is "".
func Sanitize(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "_")
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '/' || r == '\\' || r == ':' || r == '*' || r == '?' || r == '"' || r == '<' || r == '>' || r == '|':
			b.WriteRune('_')
		case unicode.IsControl(r) || r == utf8.RuneError || !unicode.IsPrint(r) && r != ' ':
			// dropped: NUL, newlines, bidi and other invisible controls
		default:
			b.WriteRune(r)
		}
	}
	out := strings.TrimLeft(strings.TrimSpace(b.String()), ".")
	out = strings.TrimRight(truncate(out, MaxSegment), " .")
	out = strings.TrimSpace(out)
	stem := out
	if i := strings.IndexByte(stem, '.'); i >= 0 {
		stem = stem[:i]
	}
	if windowsReserved[strings.ToUpper(strings.TrimSpace(stem))] {
		out = "_" + out
	}
	return out
}

// SanitizeName sanitizes a file name, keeping its extension when the name
// must be shortened.
func SanitizeName(name string) string {
	s := Sanitize(name)
	if len(name) <= MaxSegment {
		return s
	}
	ext := ""
	if i := strings.LastIndexByte(name, '.'); i > 0 && len(name)-i <= 16 {
		ext = Sanitize(name[i:])
		if ext != "" {
			ext = "." + strings.TrimLeft(ext, ".")
		}
		s = Sanitize(name[:i])
	}
	return strings.TrimRight(truncate(s, MaxSegment-len(ext)), " .") + ext
}

// truncate cuts s to at most n bytes on a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
