package config

import (
	"bytes"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

const starterHeader = `# rushes configuration (YAML), written by "rushes config init".
#
# rushes reads the first of: --config FILE (or RUSHES_CONFIG), ./rushes.yaml,
# $XDG_CONFIG_HOME/rushes/config.yaml (~/.config/rushes/config.yaml), /etc/rushes/config.yaml.
# Every key can be overridden by an environment variable RUSHES_<KEY> (RUSHES_LOG_LEVEL for
# log.level; lists comma-separated, patterns newline-separated) and by a flag (--library,
# --log-level). Relative paths here are relative to this file's folder.
# "rushes config show" prints the effective settings and where each came from;
# "rushes config validate" checks this file.

`

// StarterFile returns the commented configuration "rushes config init" writes: every key with
// its default, what is allowed and why it exists. Loaded as it is, it gives the defaults.
func StarterFile() []byte {
	var b bytes.Buffer
	b.WriteString(starterHeader)
	inLog := false
	for _, k := range keys() {
		name, indent := k.name, ""
		if sub, ok := strings.CutPrefix(k.name, "log."); ok {
			if !inLog {
				b.WriteString("log:\n")
				inLog = true
			}
			name, indent = sub, "  "
		}
		comment := k.help
		switch {
		case k.name == "layout":
			comment += "\nTokens: " + strings.Join(k.allowed, " ")
		case len(k.allowed) > 0:
			comment += "\nAllowed: " + strings.Join(k.allowed, ", ") + "."
		}
		for para := range strings.SplitSeq(comment, "\n") {
			writeComment(&b, indent, para)
		}
		fmt.Fprintf(&b, "%s%s:%s\n", indent, name, yamlValue(k.def, indent))
		if k.example != "" {
			fmt.Fprintf(&b, "%s# Example:\n", indent)
			for line := range strings.SplitSeq(k.example, "\n") {
				fmt.Fprintf(&b, "%s# %s\n", indent, line)
			}
		}
		if !inLog {
			b.WriteString("\n")
		}
	}
	return b.Bytes()
}

// writeComment writes text as comment lines of at most 92 characters.
func writeComment(b *bytes.Buffer, indent, text string) {
	line := indent + "#"
	for word := range strings.FieldsSeq(text) {
		if len(line)+1+len(word) > 92 && len(line) > len(indent)+1 {
			b.WriteString(line + "\n")
			line = indent + "#"
		}
		line += " " + word
	}
	b.WriteString(line + "\n")
}

// yamlValue writes a default after "key:", quoting strings only where YAML needs it.
func yamlValue(v any, indent string) string {
	switch v := v.(type) {
	case string:
		return " " + yamlScalar(v)
	case []string:
		if len(v) == 0 {
			return " []"
		}
		var b strings.Builder
		for _, item := range v {
			b.WriteString("\n" + indent + "  - " + yamlScalar(item))
		}
		return b.String()
	case map[string]any:
		if len(v) == 0 {
			return " {}"
		}
	}
	panic(fmt.Sprintf("config: no starter form for default %#v", v))
}

func yamlScalar(s string) string {
	out, err := yaml.Marshal(s)
	if err != nil {
		panic("config: " + err.Error())
	}
	return strings.TrimSuffix(string(out), "\n")
}
