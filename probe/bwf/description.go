package bwf

import (
	"strings"
)

// descriptionFields reads the slate lines recorders repeat in the bext
// Description: KEY=value, one a line. Sound Devices prefix each key with a
// lowercase type letter ("sSCENE=A101"), Metacorder with "g", Zoom with
// nothing ("SCENE=Scene_1"). Keys are returned without the prefix.
func descriptionFields(desc string) map[string]string {
	out := map[string]string{}
	for _, line := range strings.FieldsFunc(desc, func(r rune) bool { return r == '\r' || r == '\n' }) {
		key, value, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		key = slateKey(key)
		if key == "" {
			continue
		}
		if _, dup := out[key]; !dup {
			out[key] = strings.TrimSpace(value)
		}
	}
	return out
}

// slateKey strips an optional lowercase prefix letter and returns the key
// when it looks like one (upper case letters, digits, underscores), else "".
func slateKey(k string) string {
	if len(k) > 1 && k[0] >= 'a' && k[0] <= 'z' {
		k = k[1:]
	}
	if k == "" || k[0] < 'A' || k[0] > 'Z' {
		return ""
	}
	for _, c := range []byte(k) {
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return ""
		}
	}
	return k
}

// descriptionSpeed reads a SPEED line: "023.976-ND", "25.000ND",
// "029.970-DF". dropKnown is false when no ND/DF suffix was written.
func descriptionSpeed(s string) (rate string, drop, dropKnown bool) {
	i := strings.IndexFunc(s, func(r rune) bool { return (r < '0' || r > '9') && r != '.' })
	if i < 0 {
		return s, false, false
	}
	flag := strings.ToUpper(strings.Trim(s[i:], "- _"))
	switch flag {
	case "DF", "D":
		return s[:i], true, true
	case "ND", "NDF", "N":
		return s[:i], false, true
	}
	return s[:i], false, false
}
