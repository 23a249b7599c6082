package config

import (
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// fileData is what a configuration file sets: values by key, as YAML decoded them, and the line
// of every key and list item or map entry, so errors can point at them.
type fileData struct {
	path   string
	values map[string]any // top-level keys; log holds a map of level and format
	lines  map[string]int // "hash", "log.level", "patterns[1]", "cameras.fx6"
}

// readFile reads and parses a configuration file. A missing, unreadable or malformed file is
// fatal (the first error); unknown and duplicate keys are not: they come back with what could
// be read, so the user sees every problem at once.
func readFile(path string) (*fileData, []*Error) {
	src := Source{Kind: FromFile, Name: path}
	b, err := os.ReadFile(path)
	if err != nil {
		problem := fmt.Sprintf("cannot read config file: %v", unwrapPath(err))
		return nil, []*Error{{Value: path, Problem: problem, Source: src, Err: err}}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil {
		return nil, []*Error{syntaxError(path, b, err)}
	}
	f := &fileData{path: path, values: map[string]any{}, lines: map[string]int{}}
	if len(doc.Content) == 0 { // empty, or only comments
		return f, nil
	}
	top := doc.Content[0]
	if top.Kind != yaml.MappingNode {
		src.Line = top.Line
		problem := "expected keys such as library: and hash: at the top level, found " + nodeKind(top)
		return nil, []*Error{{Problem: problem, Source: src}}
	}
	var errs []*Error
	for i := 0; i+1 < len(top.Content); i += 2 {
		kn, vn := top.Content[i], top.Content[i+1]
		name := strings.ToLower(kn.Value) // viper folds case; so do we
		at := Source{Kind: FromFile, Name: path, Line: kn.Line}
		if name == "log" {
			if err := f.claim(name, at); err != nil {
				errs = append(errs, err)
				continue
			}
			errs = append(errs, f.readLog(vn, at)...)
			continue
		}
		k, ok := keyNamed(name)
		if !ok {
			errs = append(errs, unknownKey(kn.Value, KeyNames(), at))
			continue
		}
		if err := f.set(k.name, vn, at); err != nil {
			errs = append(errs, err)
		}
	}
	return f, errs
}

// readLog reads the log: mapping, whose keys are log.level and log.format.
func (f *fileData) readLog(vn *yaml.Node, at Source) []*Error {
	if isNull(vn) {
		return nil
	}
	if vn.Kind != yaml.MappingNode {
		problem := "expected a mapping with level: and format:, found " + nodeKind(vn)
		return []*Error{{Key: "log", Problem: problem, Source: at}}
	}
	var errs []*Error
	for i := 0; i+1 < len(vn.Content); i += 2 {
		kn, v := vn.Content[i], vn.Content[i+1]
		name := "log." + strings.ToLower(kn.Value)
		sat := Source{Kind: FromFile, Name: f.path, Line: kn.Line}
		if _, ok := keyNamed(name); !ok {
			errs = append(errs, unknownKey("log."+kn.Value, []string{"log.level", "log.format"}, sat))
			continue
		}
		if err := f.set(name, v, sat); err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}

// claim records the line of a key; a key written twice is an error.
func (f *fileData) claim(name string, at Source) *Error {
	if first, dup := f.lines[name]; dup {
		return &Error{Key: name, Problem: fmt.Sprintf("duplicate key (first at line %d)", first), Source: at}
	}
	f.lines[name] = at.Line
	return nil
}

// set records the value of a key and the lines of its items.
func (f *fileData) set(name string, vn *yaml.Node, at Source) *Error {
	if err := f.claim(name, at); err != nil {
		return err
	}
	if isNull(vn) { // "backups:" with nothing after it means the default
		return nil
	}
	switch vn.Kind {
	case yaml.SequenceNode:
		for i, item := range vn.Content {
			f.lines[fmt.Sprintf("%s[%d]", name, i)] = item.Line
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(vn.Content); i += 2 {
			f.lines[name+"."+strings.ToLower(vn.Content[i].Value)] = vn.Content[i].Line
		}
	}
	val := nodeValue(vn)
	if sub, ok := strings.CutPrefix(name, "log."); ok { // viper wants log.level nested
		m, _ := f.values["log"].(map[string]any)
		if m == nil {
			m = map[string]any{}
			f.values["log"] = m
		}
		m[sub] = val
		return nil
	}
	f.values[name] = val
	return nil
}

// has tells whether the file sets key, nested keys included.
func (f *fileData) has(key string) bool {
	if sub, ok := strings.CutPrefix(key, "log."); ok {
		m, _ := f.values["log"].(map[string]any)
		_, set := m[sub]
		return set
	}
	_, set := f.values[key]
	return set
}

// unknownKey reports a key rushes does not know, with the closest known one when it looks like
// a typo: a misspelt library: silently ignored would send footage to the wrong place.
func unknownKey(name string, candidates []string, at Source) *Error {
	if s := suggest(name, candidates, false); s != "" {
		return &Error{Key: name, Problem: fmt.Sprintf("unknown key (did you mean %s?)", s), Source: at}
	}
	return &Error{Key: name, Problem: "unknown key", Allowed: candidates, Source: at}
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): `)

// syntaxError turns a YAML parse error into one naming the file and line. The YAML library
// leaves the line out on the first line, and counts lines from zero in its parser's errors
// ("did not find expected key"), from one in its scanner's.
func syntaxError(path string, b []byte, err error) *Error {
	msg, line := err.Error(), 1
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = msg[len(m[0]):]
		if strings.HasPrefix(msg, "did not find expected") {
			line++
		}
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	msg = "invalid YAML: " + msg
	if unquotedLayout.Match(b) {
		msg += `; quote the layout template: layout: "{date}/{scene}/{camera}/{name}"`
	}
	return &Error{Problem: msg, Source: Source{Kind: FromFile, Name: path, Line: line}, Err: err}
}

// unquotedLayout finds `layout: {date}/...`, which YAML reads as the start of a mapping.
var unquotedLayout = regexp.MustCompile(`(?m)^\s*layout:\s*\{`)

// nodeValue returns a node's value with every scalar as the text the user wrote: all rushes
// values are text, and YAML's own typing would turn a serial number 0012345 into the octal
// 5349 or a time 5.30 into 5.3.
func nodeValue(n *yaml.Node) any {
	switch n.Kind {
	case yaml.AliasNode:
		return nodeValue(n.Alias)
	case yaml.SequenceNode:
		items := make([]any, len(n.Content))
		for i, c := range n.Content {
			items[i] = nodeValue(c)
		}
		return items
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = nodeValue(n.Content[i+1])
		}
		return m
	}
	if isNull(n) {
		return nil
	}
	return n.Value
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

func nodeKind(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	return fmt.Sprintf("%q", n.Value)
}

// unwrapPath drops the path from an *os.PathError: the message names the file already.
func unwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
