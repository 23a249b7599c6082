package names

import (
	"regexp"
	"slices"
	"strings"
)

// matcher is one naming scheme: a pattern over the file's stem with named
// groups, the extensions the scheme writes, and the code that turns the
// groups into facts. Every pattern has a "key" group: the part of the name
// shared by all files of one recording (fill may set ClipKey itself when
// that part is not contiguous).
type matcher struct {
	scheme string
	re     *regexp.Regexp
	exts   []string // lowercase, without dot; nil: the scheme names any file
	// fill turns the groups into facts; false means the name only looked
	// like the scheme (say a Sound Devices "scene" that is a date).
	fill func(g groups, n *Name) bool
}

// fileMatchers are tried in order; the first whose fill accepts wins. The
// schemes' layouts do not overlap (the tests check the pairs that look
// alike), so the order only matters for speed.
var fileMatchers = slices.Concat(cinemaMatchers, consumerMatchers, soundMatchers)

// matchFile recognizes the file name's scheme; a zero Name when none fits.
func matchFile(stem, ext string) Name {
	for _, m := range fileMatchers {
		if m.exts != nil && !slices.Contains(m.exts, ext) {
			continue
		}
		sub := m.re.FindStringSubmatch(stem)
		if sub == nil {
			continue
		}
		g := groups{m.re, sub}
		n := Name{Scheme: m.scheme}
		if m.fill(g, &n) {
			if n.ClipKey == "" {
				n.ClipKey = m.scheme + ":" + strings.ToUpper(g.get("key"))
			}
			return n
		}
	}
	return Name{}
}

// groups reads a match's named groups.
type groups struct {
	re  *regexp.Regexp
	sub []string
}

// get returns the first non-empty group of that name: configured patterns
// may name a group twice, in alternatives.
func (g groups) get(name string) string {
	for i, n := range g.re.SubexpNames() {
		if n == name && i < len(g.sub) && g.sub[i] != "" {
			return g.sub[i]
		}
	}
	return ""
}

// isCounter reports an all-digit run of five or more: a date (yymmdd) or a
// recorder's file counter, never a scene on a slate.
func isCounter(s string) bool {
	if len(s) < 5 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// hasDigit reports whether s holds a digit: slate scenes do ("A101", "12A",
// "2C"), recorder defaults like "Audio" or "Track" do not.
func hasDigit(s string) bool {
	return strings.ContainsAny(s, "0123456789")
}
