package organize

import (
	"fmt"
	"path"
	"path/filepath"
	"strings"
)

// Tokens are the layout placeholders, in the order the brief lists them.
var tokens = []string{"date", "year", "month", "day", "scene", "take", "camera", "reel", "card", "kind", "name", "stem", "ext"}

// Tokens returns the layout tokens a template may use.
func Tokens() []string { return append([]string(nil), tokens...) }

// Values are what a clip's place is made of. Empty values render as
// "unsorted" (scene) or "unknown" (the rest).
type Values struct {
	Date   string // shooting day YYYY-MM-DD
	Scene  string
	Take   string
	Camera string
	Reel   string
	Card   string
	Kind   string
	Name   string // file name with extension
}

// Layout is a parsed layout template such as "{date}/{scene}/{camera}/{name}".
type Layout struct {
	template string
	segments [][]part
}

type part struct {
	literal string
	token   string
}

// ParseLayout checks a template: known tokens only, balanced braces, no
// empty, "." or ".." segments, relative, and ending in {name} (or {stem}
// with {ext}) so that two files never share a place by construction.
func ParseLayout(tmpl string) (Layout, error) {
	l := Layout{template: tmpl}
	if strings.TrimSpace(tmpl) == "" || strings.HasPrefix(tmpl, "/") {
		return l, fmt.Errorf("layout %q must be a relative template such as {date}/{scene}/{camera}/{name}", tmpl)
	}
	for _, seg := range strings.Split(tmpl, "/") {
		parts, err := parseSegment(seg)
		if err != nil {
			return l, fmt.Errorf("layout %q: %w", tmpl, err)
		}
		l.segments = append(l.segments, parts)
	}
	last := l.segments[len(l.segments)-1]
	if !hasToken(last, "name") && !(hasToken(last, "stem") && hasToken(last, "ext")) {
		return l, fmt.Errorf("layout %q: the last segment must contain {name} (or {stem} and {ext})", tmpl)
	}
	return l, nil
}

func parseSegment(seg string) ([]part, error) {
	if seg == "" || seg == "." || seg == ".." {
		return nil, fmt.Errorf("empty, . or .. segment %q", seg)
	}
	var parts []part
	for len(seg) > 0 {
		open := strings.IndexByte(seg, '{')
		if close := strings.IndexByte(seg, '}'); close >= 0 && (open < 0 || close < open) {
			return nil, fmt.Errorf("unbalanced } in %q", seg)
		}
		if open < 0 {
			parts = append(parts, part{literal: seg})
			break
		}
		if open > 0 {
			parts = append(parts, part{literal: seg[:open]})
		}
		end := strings.IndexByte(seg[open:], '}')
		if end < 0 {
			return nil, fmt.Errorf("unbalanced { in %q", seg)
		}
		tok := seg[open+1 : open+end]
		if !isToken(tok) {
			return nil, fmt.Errorf("unknown token {%s} (allowed: {%s})", tok, strings.Join(tokens, "} {"))
		}
		parts = append(parts, part{token: tok})
		seg = seg[open+end+1:]
	}
	return parts, nil
}

func isToken(t string) bool {
	for _, k := range tokens {
		if k == t {
			return true
		}
	}
	return false
}

func hasToken(parts []part, tok string) bool {
	for _, p := range parts {
		if p.token == tok {
			return true
		}
	}
	return false
}

// String returns the template.
func (l Layout) String() string { return l.template }

// Render returns the place, relative to the library root, slash-separated.
// Every value is sanitized into its segment, so the result never leaves the
// library whatever the values hold.
func (l Layout) Render(v Values) string {
	segs := make([]string, 0, len(l.segments))
	for i, parts := range l.segments {
		var b strings.Builder
		for _, p := range parts {
			if p.token == "" {
				b.WriteString(p.literal)
				continue
			}
			b.WriteString(v.token(p.token))
		}
		seg := Sanitize(b.String())
		if i == len(l.segments)-1 {
			seg = SanitizeName(b.String())
		}
		if seg == "" {
			seg = "unknown"
		}
		segs = append(segs, seg)
	}
	return path.Join(segs...)
}

func (v Values) token(tok string) string {
	ext := path.Ext(v.Name)
	val := map[string]string{
		"date": v.Date, "scene": v.Scene, "take": v.Take, "camera": v.Camera, "reel": v.Reel,
		"card": v.Card, "kind": v.Kind, "name": v.Name, "stem": strings.TrimSuffix(v.Name, ext),
		"ext": strings.TrimPrefix(ext, "."),
	}[tok]
	if len(v.Date) == 10 {
		switch tok {
		case "year":
			val = v.Date[:4]
		case "month":
			val = v.Date[5:7]
		case "day":
			val = v.Date[8:]
		}
	}
	if tok == "name" {
		val = SanitizeName(val)
	} else {
		val = Sanitize(val)
	}
	if val == "" {
		if tok == "scene" {
			return "unsorted"
		}
		return "unknown"
	}
	return val
}

// Within joins rel to root and checks the result stays inside root: the last
// guard of Promise 7, whatever Render or a caller did.
func Within(root, rel string) (string, error) {
	p := filepath.Join(root, filepath.FromSlash(rel))
	r, err := filepath.Rel(root, p)
	if err != nil || r == "." || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return "", fmt.Errorf("place %q leaves the library %s", rel, root)
	}
	return p, nil
}
