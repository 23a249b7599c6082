package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"regexp/syntax"
	"slices"
	"sort"
	"strings"
	"syscall"
	"time"
)

// Validate checks every value and returns nil, an *Error, or several joined, each naming the
// key, the value and what is allowed. It looks at the disk only to stat paths: the library and
// backups must be directories, or missing with an existing parent folder (they are created then,
// one level only, so an unmounted drive is an error, not a tree on the system disk).
func (c *Config) Validate() error { return joinErrors(c.check(nil)) }

// check returns the problems of every key not in skip.
func (c *Config) check(skip map[string]bool) []*Error {
	v := &validator{c: c, skip: skip}
	v.destination("library", c.Library)
	v.catalog()
	v.roots()
	v.layout()
	v.oneOf("hash", c.Hash, Hashes())
	v.oneOf("mode", c.Mode, Modes())
	if c.MinOverlap < 0 {
		v.fail("min_overlap", c.MinOverlap.String(), fmt.Sprintf("negative duration %s (use 0s or more)", c.MinOverlap))
	}
	if c.Settle < 0 {
		v.fail("settle", c.Settle.String(), fmt.Sprintf("negative duration %s (use 0s or more)", c.Settle))
	}
	if c.Timezone == nil {
		v.fail("timezone", "", "not set (use Local, UTC or an IANA name such as Europe/Paris)")
	}
	if c.DayStart < 0 || c.DayStart >= 24*time.Hour || c.DayStart%time.Minute != 0 {
		v.fail("day_starts", c.DayStart.String(), "out of range (use HH:MM from 00:00 to 23:59)")
	}
	v.cameras()
	v.hooks()
	v.patterns()
	for i, g := range c.Ignore {
		key := fmt.Sprintf("ignore[%d]", i)
		if _, err := path.Match(g, ""); g == "" || err != nil {
			v.fail(key, g, fmt.Sprintf("invalid glob %q (use *, ? and [a-z] on names, such as *.tmp)", g))
		}
	}
	v.oneOf("log.level", c.Log.Level, LogLevels())
	v.oneOf("log.format", c.Log.Format, LogFormats())
	return v.errs
}

type validator struct {
	c    *Config
	skip map[string]bool
	errs []*Error
}

func (v *validator) fail(key, value, problem string, allowed ...string) {
	if v.skip[rootKey(key)] {
		return
	}
	v.errs = append(v.errs, &Error{Key: key, Value: value, Problem: problem, Allowed: allowed, Source: v.c.source(key)})
}

// source is where key's value came from: its own line in the file when known, else its key's.
func (c *Config) source(key string) Source {
	if s, ok := c.sources[key]; ok {
		return s
	}
	return c.sources[rootKey(key)]
}

func (v *validator) oneOf(key, value string, allowed []string) {
	if !slices.Contains(allowed, value) {
		v.fail(key, value, fmt.Sprintf("unknown value %q", value), allowed...)
	}
}

// absolute reports a path that is empty or relative (Load makes every path absolute; a Config
// built by hand may not be).
func (v *validator) absolute(key, p string) bool {
	switch {
	case p == "":
		v.fail(key, p, "empty path")
	case !filepath.IsAbs(p):
		v.fail(key, p, fmt.Sprintf("%q is not an absolute path", p))
	default:
		return true
	}
	return false
}

// destination checks a folder rushes writes into: a directory, or missing under an existing one.
func (v *validator) destination(key, p string) {
	if !v.absolute(key, p) {
		return
	}
	fi, err := os.Stat(p)
	switch {
	case err == nil && !fi.IsDir():
		v.fail(key, p, fmt.Sprintf("%q is not a directory", p))
	case errors.Is(err, fs.ErrNotExist):
		parent := filepath.Dir(p)
		pfi, perr := os.Stat(parent)
		switch {
		case errors.Is(perr, fs.ErrNotExist):
			v.fail(key, p, fmt.Sprintf("%q does not exist, nor does its parent %q (mount the drive or create the folder)", p, parent))
		case perr != nil:
			v.fail(key, p, fmt.Sprintf("cannot check %q: %v", parent, unwrapPath(perr)))
		case !pfi.IsDir():
			v.fail(key, p, fmt.Sprintf("%q is not a directory", parent))
		}
	case errors.Is(err, syscall.ENOTDIR):
		v.fail(key, p, fmt.Sprintf("%q is not a directory: a folder on its path is a file", p))
	case err != nil:
		v.fail(key, p, fmt.Sprintf("cannot check %q: %v", p, unwrapPath(err)))
	}
}

func (v *validator) catalog() {
	if !v.absolute("catalog", v.c.Catalog) {
		return
	}
	if fi, err := os.Stat(v.c.Catalog); err == nil && fi.IsDir() {
		v.fail("catalog", v.c.Catalog, fmt.Sprintf("%q is a directory, not a database file", v.c.Catalog))
	}
	var roots []string // a root holding the library is an error of its own (roots)
	for _, w := range v.c.Watch {
		if v.c.Library == "" || !overlap(w, v.c.Library) {
			roots = append(roots, w)
		}
	}
	if w := CatalogInRoot(v.c.Catalog, roots); w != "" {
		v.fail("catalog", v.c.Catalog, fmt.Sprintf("%q is inside the ingest root %q; the daemon would ingest the catalog "+
			"(and its -wal and -shm files) in a loop: put the catalog outside every watch root, such as in the library", v.c.Catalog, w))
	}
}

// CatalogInRoot returns the first of roots that holds the catalog file, or "". The catalog's
// companions (-wal, -shm, -journal) sit beside it, so a catalog anywhere under a root would be
// found by the watcher and offloaded over and over. The daemon checks it again at start, for
// roots that do not come from the configuration.
func CatalogInRoot(catalog string, roots []string) string {
	if catalog == "" {
		return ""
	}
	cats := []string{catalog}
	if dir, err := filepath.EvalSymlinks(filepath.Dir(catalog)); err == nil {
		cats = append(cats, filepath.Join(dir, filepath.Base(catalog)))
	}
	for _, r := range roots {
		if r == "" {
			continue
		}
		rs := []string{r}
		if real, err := filepath.EvalSymlinks(r); err == nil {
			rs = append(rs, real)
		}
		for _, c := range cats {
			for _, root := range rs {
				if inside(c, root) {
					return r
				}
			}
		}
	}
	return ""
}

// roots checks watch roots and backups, and that none of them overlaps the library or another:
// a library inside an ingest root would ingest its own output, forever.
func (v *validator) roots() {
	lib := v.c.Library
	for i, w := range v.c.Watch {
		key := fmt.Sprintf("watch[%d]", i)
		if !v.absolute(key, w) {
			continue
		}
		if fi, err := os.Stat(w); err == nil && !fi.IsDir() {
			v.fail(key, w, fmt.Sprintf("%q is not a directory", w))
		} else if lib != "" && overlap(w, lib) {
			v.fail(key, w, fmt.Sprintf("%q overlaps the library %q; rushes would ingest its own library", w, lib))
		}
	}
	for i, b := range v.c.Backups {
		key := fmt.Sprintf("backups[%d]", i)
		if !v.absolute(key, b) {
			continue
		}
		switch {
		case lib != "" && overlap(b, lib):
			v.fail(key, b, fmt.Sprintf("%q overlaps the library %q; a backup must be another folder, ideally another drive", b, lib))
			continue
		case slices.Contains(v.c.Backups[:i], b):
			v.fail(key, b, fmt.Sprintf("%q is listed twice", b))
			continue
		}
		for _, w := range v.c.Watch {
			if overlap(b, w) {
				v.fail(key, b, fmt.Sprintf("%q overlaps the ingest root %q; rushes would ingest its own backup", b, w))
			}
		}
		v.destination(key, b)
	}
}

// overlap tells whether a and b are the same folder or one is inside the other.
func overlap(a, b string) bool { return inside(a, b) || inside(b, a) }

// inside tells whether p is root or under it.
func inside(p, root string) bool {
	rel, err := filepath.Rel(root, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// layout checks the template: known tokens, balanced braces, relative segments, and a file name
// per clip.
func (v *validator) layout() {
	l := v.c.Layout
	if l == "" {
		v.fail("layout", l, `empty template (the default is "{date}/{scene}/{camera}/{name}")`)
		return
	}
	tokens := LayoutTokens()
	for rest, off := l, 0; rest != ""; {
		lb, rb := strings.IndexByte(rest, '{'), strings.IndexByte(rest, '}')
		switch {
		case lb < 0 && rb < 0:
			rest = ""
			continue
		case lb < 0 || (rb >= 0 && rb < lb):
			v.fail("layout", l, fmt.Sprintf("unbalanced \"}\" at offset %d in %q (write tokens as {scene})", off+rb, l))
			return
		case rb < 0 || strings.IndexByte(rest[lb+1:rb], '{') >= 0:
			v.fail("layout", l, fmt.Sprintf("unbalanced \"{\" at offset %d in %q (write tokens as {scene})", off+lb, l))
			return
		}
		if tok := rest[lb+1 : rb]; !slices.Contains(tokens, tok) {
			v.fail("layout", l, fmt.Sprintf("unknown token {%s} in %q", tok, l), braced(tokens)...)
			return
		}
		off += rb + 1
		rest = rest[rb+1:]
	}
	if strings.HasPrefix(l, "/") || filepath.IsAbs(l) {
		v.fail("layout", l, fmt.Sprintf("%q must be relative to the library", l))
		return
	}
	for seg := range strings.SplitSeq(l, "/") {
		if seg == "" || seg == "." || seg == ".." {
			v.fail("layout", l, fmt.Sprintf("path segment %q in %q (segments must be non-empty and stay inside the library)", seg, l))
			return
		}
	}
	if !strings.Contains(l, "{name}") && !strings.Contains(l, "{stem}") {
		v.fail("layout", l, fmt.Sprintf("%q has neither {name} nor {stem}, so every clip would get the same file name", l))
	}
}

// cameraLetter is what a camera letter may be: it goes into paths and ALE columns.
var cameraLetter = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]{0,7}$`)

func (v *validator) cameras() {
	ids := make([]string, 0, len(v.c.Cameras))
	for id := range v.c.Cameras {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		letter := v.c.Cameras[id]
		switch {
		case strings.TrimSpace(id) == "":
			v.fail("cameras", letter, fmt.Sprintf("empty serial or model for camera letter %q", letter))
		case letter == "":
			v.fail("cameras."+id, letter, "empty camera letter (use a letter such as A)")
		case !cameraLetter.MatchString(letter):
			v.fail("cameras."+id, letter, fmt.Sprintf("invalid camera letter %q (use up to 8 letters, digits, - or _, such as A)", letter))
		}
	}
}

func (v *validator) patterns() {
	groups := PatternGroups()
	for i, p := range v.c.Patterns {
		key := fmt.Sprintf("patterns[%d]", i)
		re, err := regexp.Compile(p)
		if err != nil {
			reason := err.Error()
			var se *syntax.Error
			if errors.As(err, &se) {
				reason = se.Code.String()
			}
			v.fail(key, p, fmt.Sprintf("invalid regex %q: %s", p, reason))
			continue
		}
		named := 0
		for _, g := range re.SubexpNames() {
			if g == "" {
				continue
			}
			if !slices.Contains(groups, g) {
				v.fail(key, p, fmt.Sprintf("unknown group %q in %q", g, p), groups...)
			}
			named++
		}
		if named == 0 {
			v.fail(key, p, fmt.Sprintf("%q captures no named group such as (?P<scene>...)", p), groups...)
		}
	}
}

// Regexps compiles the patterns, in order. After Validate it cannot fail.
func (c *Config) Regexps() ([]*regexp.Regexp, error) {
	res := make([]*regexp.Regexp, 0, len(c.Patterns))
	for i, p := range c.Patterns {
		re, err := regexp.Compile(p)
		if err != nil {
			return nil, fmt.Errorf("patterns[%d]: %w", i, err)
		}
		res = append(res, re)
	}
	return res, nil
}

func (v *validator) hooks() {
	events := make([]string, 0, len(v.c.Hooks))
	for e := range v.c.Hooks {
		events = append(events, e)
	}
	sort.Strings(events)
	for _, e := range events {
		switch {
		case !slices.Contains(HookEvents(), e):
			v.fail("hooks."+e, v.c.Hooks[e], fmt.Sprintf("unknown event %q", e), HookEvents()...)
		case strings.TrimSpace(v.c.Hooks[e]) == "":
			v.fail("hooks."+e, "", "empty command (give a shell command, or remove the line)")
		}
	}
}
