package config

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// Setting is one row of config show: a key, its effective value and where the value came from.
type Setting struct {
	Key    string `json:"key"`
	Value  any    `json:"value"` // string, []string or map[string]string
	Source Source `json:"source"`
}

// Sources returns every key with its effective value and origin, in KeyNames order, after a
// first row "config" naming the file read (or "" when none) and how it was found.
func (c *Config) Sources() []Setting {
	rows := []Setting{{Key: ConfigFlag, Value: c.file, Source: c.sources[ConfigFlag]}}
	for _, name := range KeyNames() {
		rows = append(rows, Setting{Key: name, Value: c.value(name), Source: c.source(name)})
	}
	return rows
}

// Text is the value as one line: lists as [a, b], maps as {k: v}.
func (s Setting) Text() string {
	switch v := s.Value.(type) {
	case []string:
		return "[" + strings.Join(v, ", ") + "]"
	case map[string]string:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for i, k := range keys {
			keys[i] = k + ": " + v[k]
		}
		return "{" + strings.Join(keys, ", ") + "}"
	}
	return fmt.Sprint(s.Value)
}

// value is key's effective value, written as a file would write it.
func (c *Config) value(key string) any {
	switch key {
	case "library":
		return c.Library
	case "catalog":
		return c.Catalog
	case "watch":
		return nonNil(c.Watch)
	case "layout":
		return c.Layout
	case "hash":
		return c.Hash
	case "backups":
		return nonNil(c.Backups)
	case "mode":
		return c.Mode
	case "settle":
		return durationText(c.Settle)
	case "min_overlap":
		return durationText(c.MinOverlap)
	case "timezone":
		if c.Timezone == nil {
			return ""
		}
		return c.Timezone.String()
	case "day_starts":
		return fmt.Sprintf("%02d:%02d", int(c.DayStart/time.Hour), int(c.DayStart%time.Hour/time.Minute))
	case "cameras":
		m := make(map[string]string, len(c.Cameras))
		for k, v := range c.Cameras {
			m[k] = v
		}
		return m
	case "hooks":
		m := make(map[string]string, len(c.Hooks))
		for k, v := range c.Hooks {
			m[k] = v
		}
		return m
	case "patterns":
		return nonNil(c.Patterns)
	case "ignore":
		return nonNil(c.Ignore)
	case "log.level":
		return c.Log.Level
	case "log.format":
		return c.Log.Format
	}
	return nil
}

func nonNil(s []string) []string {
	return append([]string{}, s...)
}

// durationText drops the zero units time.Duration prints: 2m, not 2m0s.
func durationText(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}
