package config

import (
	"reflect"
	"strings"
	"testing"
)

// TestStarterFileRoundTrips writes the starter file, loads it and gets the defaults back, every
// key coming from the file.
func TestStarterFileRoundTrips(t *testing.T) {
	dir := t.TempDir()
	path := writeFile(t, dir, "rushes.yaml", string(StarterFile()))
	if err := ValidateFile(path); err != nil {
		t.Fatalf("starter file does not validate: %v", err)
	}
	c, err := Load(hermetic(dir))
	if err != nil {
		t.Fatal(err)
	}
	if c.File() != path {
		t.Errorf("File() = %q, want %q", c.File(), path)
	}
	if got, want := exported(c), exported(Defaults(dir)); !reflect.DeepEqual(got, want) {
		t.Errorf("starter file loads as\n%+v\nwant the defaults\n%+v", got, want)
	}
	for _, key := range KeyNames() {
		if src := c.source(key); src.Kind != FromFile || src.Line == 0 {
			t.Errorf("%s comes from %s, want a line of the starter file", key, src)
		}
	}
}

// TestStarterFileDocumentsEveryKey checks each key is written with its allowed values.
func TestStarterFileDocumentsEveryKey(t *testing.T) {
	text := string(StarterFile())
	for _, k := range keys() {
		name := k.name
		if sub, ok := strings.CutPrefix(name, "log."); ok {
			name = "  " + sub
		}
		if !strings.Contains(text, "\n"+name+":") {
			t.Errorf("starter file lacks key %s", k.name)
		}
		for _, a := range k.allowed {
			if !strings.Contains(text, a) {
				t.Errorf("starter file does not say %s may be %s", k.name, a)
			}
		}
	}
	for _, line := range strings.Split(text, "\n") {
		if len(line) > 100 {
			t.Errorf("line longer than 100 characters: %q", line)
		}
	}
}
