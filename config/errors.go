package config

import (
	"errors"
	"fmt"
	"strings"
)

// Error is a configuration the user must fix: an invalid value, an unknown key, a file that
// cannot be read or parsed. Every error Load and ValidateFile return is one *Error or several
// joined (errors.Join), so a command maps any of them to exit status 2 with errors.As.
type Error struct {
	Key     string   // "hash", "log.level", "patterns[1]", "cameras.fx6"; "" for the file as a whole
	Value   string   // the offending value, as given
	Problem string   // what is wrong, naming the value
	Allowed []string // what is allowed instead, when it is a short list
	Source  Source   // where the value came from; zero when unknown
	Err     error    // underlying error (I/O, YAML), if any
}

func (e *Error) Error() string {
	var b strings.Builder
	if p := e.Source.where(); p != "" {
		b.WriteString(p)
		b.WriteString(": ")
	}
	if e.Key != "" {
		b.WriteString(e.Key)
		b.WriteString(": ")
	}
	b.WriteString(e.Problem)
	if len(e.Allowed) > 0 {
		b.WriteString(" (allowed: ")
		b.WriteString(strings.Join(e.Allowed, ", "))
		b.WriteString(")")
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// Source says where a setting's value came from.
type Source struct {
	Kind string // "default", "file", "env" or "flag"
	Name string // file path, variable name (RUSHES_HASH) or flag (--hash); for a default, a note
	Line int    // line in the file, when known
}

// Kinds of Source.
const (
	FromDefault = "default"
	FromFile    = "file"
	FromEnv     = "env"
	FromFlag    = "flag"
)

// String is how config show prints a source: "default", "file /etc/rushes/config.yaml:4",
// "env RUSHES_HASH", "flag --hash".
func (s Source) String() string {
	switch s.Kind {
	case "", FromDefault:
		if s.Name != "" {
			return FromDefault + " (" + s.Name + ")"
		}
		return FromDefault
	case FromFile:
		return FromFile + " " + s.where()
	}
	return s.Kind + " " + s.Name
}

// MarshalText makes a Source a plain string in JSON.
func (s Source) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// where is the prefix of an error about a value from s: "/etc/rushes/config.yaml:4",
// "env RUSHES_HASH", "flag --hash"; "" for a default.
func (s Source) where() string {
	switch s.Kind {
	case "", FromDefault:
		return ""
	case FromFile:
		if s.Line > 0 {
			return fmt.Sprintf("%s:%d", s.Name, s.Line)
		}
		return s.Name
	}
	return s.Kind + " " + s.Name
}

// joinErrors returns nil, the single error, or all of them joined.
func joinErrors(errs []*Error) error {
	switch len(errs) {
	case 0:
		return nil
	case 1:
		return errs[0]
	}
	list := make([]error, len(errs))
	for i, e := range errs {
		list[i] = e
	}
	return errors.Join(list...)
}

// suggest returns the candidate closest to name, if it is close enough to be a likely typo.
// Case, "-", "_" and "." are ignored, so day-starts and log_level find their keys.
func suggest(name string, candidates []string, strict bool) string {
	norm := func(s string) string {
		return strings.NewReplacer("-", "", "_", "", ".", "").Replace(strings.ToLower(s))
	}
	n := norm(name)
	best, bestDist := "", 1<<30
	for _, c := range candidates {
		if d := editDistance(n, norm(c)); d < bestDist {
			best, bestDist = c, d
		}
	}
	limit := max(2, len(n)/3)
	if strict {
		limit = max(1, len(n)/4)
	}
	if bestDist > limit {
		return ""
	}
	return best
}

// editDistance is the optimal string alignment distance: insertions, deletions, substitutions
// and transpositions of neighbours (hsah -> hash) cost one each.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
