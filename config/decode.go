package config

import (
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// setting is one key's winning value before it is typed, and where it came from.
type setting struct {
	value  any    // string, []string, []any, map[string]any or nil, as the layers give them
	source Source // which layer won
	base   string // folder relative paths resolve against
}

// defaultValues are the settings of Defaults: the key table's defaults, based on workDir.
func defaultValues(workDir string) map[string]setting {
	s := map[string]setting{}
	for _, k := range keys() {
		s[k.name] = setting{value: k.def, source: Source{Kind: FromDefault}, base: workDir}
	}
	return s
}

// decoder turns settings into typed values, collecting every error instead of stopping at the
// first one.
type decoder struct {
	s    map[string]setting
	home string
	errs []*Error
}

// decode types the settings. Values that do not parse (a duration, a zone) are reported here;
// values that parse but are not allowed are left to Config.check.
func decode(s map[string]setting, home string) (*Config, []*Error) {
	d := &decoder{s: s, home: home}
	c := &Config{sources: map[string]Source{}}
	for k, st := range s {
		c.sources[k] = st.source
	}
	c.Library = d.path("library", d.str("library"))
	if cat := d.str("catalog"); cat != "" {
		c.Catalog = d.path("catalog", cat)
	} else {
		c.Catalog = DefaultCatalog(c.Library)
		if c.sources["catalog"].Kind == FromDefault {
			c.sources["catalog"] = Source{Kind: FromDefault, Name: "follows library"}
		}
	}
	for _, p := range d.list("watch") {
		c.Watch = append(c.Watch, d.path("watch", p))
	}
	c.Layout = d.str("layout")
	c.Hash = d.enum("hash")
	for _, p := range d.list("backups") {
		c.Backups = append(c.Backups, d.path("backups", p))
	}
	c.Mode = d.enum("mode")
	c.Settle = d.duration("settle")
	c.MinOverlap = d.duration("min_overlap")
	c.Timezone = d.zone("timezone")
	c.DayStart = d.clock("day_starts")
	c.Cameras = d.mapping("cameras")
	c.Hooks = d.mapping("hooks")
	c.Patterns = d.list("patterns")
	c.Ignore = d.list("ignore")
	c.Log = Log{Level: d.enum("log.level"), Format: d.enum("log.format")}
	return c, d.errs
}

func (d *decoder) fail(key, value, problem string) {
	d.errs = append(d.errs, &Error{Key: key, Value: value, Problem: problem, Source: d.s[rootKey(key)].source})
}

// str returns a single value.
func (d *decoder) str(key string) string {
	switch v := d.s[key].value.(type) {
	case nil:
		return ""
	case string:
		return strings.TrimSpace(v)
	case []string, []any:
		d.fail(key, "", "expected a single value, found a list")
	case map[string]any, map[any]any:
		problem := "expected a single value, found a mapping"
		if key == "layout" { // layout: {date}/... unquoted
			problem += `; quote the template: layout: "{date}/{scene}/{camera}/{name}"`
		}
		d.fail(key, "", problem)
	default: // a number or bool set through viper directly
		return fmt.Sprint(v)
	}
	return ""
}

// list returns a list. The environment and string flags give one string, split on the key's
// separator; a file may give a single value where it means a list of one.
func (d *decoder) list(key string) []string {
	st := d.s[key]
	var out []string
	switch v := st.value.(type) {
	case nil:
	case string:
		if st.source.Kind != FromEnv && st.source.Kind != FromFlag {
			return []string{v}
		}
		k, _ := keyNamed(key)
		sep := k.envSep
		if sep == "" {
			sep = ","
		}
		for item := range strings.SplitSeq(v, sep) {
			if item = strings.TrimSpace(item); item != "" {
				out = append(out, item)
			}
		}
	case []string:
		out = append(out, v...)
	case []any:
		for i, item := range v {
			s, ok := item.(string)
			if !ok {
				d.fail(fmt.Sprintf("%s[%d]", key, i), "", "expected a single value, found "+describe(item))
				continue
			}
			out = append(out, s)
		}
	default:
		d.fail(key, "", "expected a list, found "+describe(v))
	}
	return out
}

// mapping returns a map with lower-case keys (viper folds file keys; the environment's are
// folded to match). The environment gives "KEY=VALUE,KEY=VALUE".
func (d *decoder) mapping(key string) map[string]string {
	out := map[string]string{}
	switch v := d.s[key].value.(type) {
	case nil:
	case string:
		for entry := range strings.SplitSeq(v, ",") {
			if entry = strings.TrimSpace(entry); entry == "" {
				continue
			}
			k, val, ok := strings.Cut(entry, "=")
			if !ok {
				d.fail(key, entry, fmt.Sprintf("invalid entry %q (use SERIAL=LETTER, comma-separated)", entry))
				continue
			}
			out[strings.ToLower(strings.TrimSpace(k))] = strings.TrimSpace(val)
		}
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			switch val := v[k].(type) {
			case nil:
				out[strings.ToLower(k)] = ""
			case string:
				out[strings.ToLower(k)] = strings.TrimSpace(val)
			default:
				d.fail(key+"."+strings.ToLower(k), "", "expected a single value, found "+describe(val))
			}
		}
	default:
		d.fail(key, "", "expected a mapping, found "+describe(v))
	}
	return out
}

func (d *decoder) enum(key string) string { return strings.ToLower(d.str(key)) }

// path makes p absolute against the folder of the layer it came from, after expanding ~/.
func (d *decoder) path(key, p string) string {
	if p == "" {
		return ""
	}
	p = expandHome(p, d.home)
	if !filepath.IsAbs(p) {
		p = filepath.Join(d.s[key].base, p)
	}
	return filepath.Clean(p)
}

func (d *decoder) duration(key string) time.Duration {
	s := d.str(key)
	dur, err := time.ParseDuration(s)
	if err != nil {
		d.fail(key, s, fmt.Sprintf("invalid duration %q (use a number and a unit: 5s, 30s, 2m)", s))
	}
	return dur
}

func (d *decoder) zone(key string) *time.Location {
	s := d.str(key)
	if strings.EqualFold(s, "local") {
		return time.Local
	}
	loc, err := time.LoadLocation(s)
	if s == "" || err != nil {
		d.fail(key, s, fmt.Sprintf("unknown time zone %q (use Local, UTC or an IANA name such as Europe/Paris)", s))
		return nil
	}
	return loc
}

// clock parses HH:MM into the time after midnight.
func (d *decoder) clock(key string) time.Duration {
	s := d.str(key)
	hh, mm, ok := strings.Cut(s, ":")
	h, herr := strconv.Atoi(hh)
	m, merr := strconv.Atoi(mm)
	if !ok || herr != nil || merr != nil || len(mm) != 2 || h < 0 || h > 23 || m < 0 || m > 59 {
		d.fail(key, s, fmt.Sprintf("invalid time %q (use HH:MM from 00:00 to 23:59, such as 05:00)", s))
		return 0
	}
	return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute
}

func expandHome(p, home string) string {
	if home == "" {
		return p
	}
	if p == "~" {
		return home
	}
	if rest, ok := strings.CutPrefix(p, "~/"); ok {
		return filepath.Join(home, rest)
	}
	return p
}

func describe(v any) string {
	switch v.(type) {
	case nil:
		return "nothing"
	case []string, []any:
		return "a list"
	case map[string]any, map[any]any:
		return "a mapping"
	}
	return fmt.Sprintf("%q", fmt.Sprint(v))
}
