package config

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/pflag"
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

// TestStarterFileNamesOnlyRealKeys reads every key, variable and flag the starter file's
// comments name and checks each exists, so the text cannot drift from the loader again (it
// once told users about a hook_timeout key there never was).
func TestStarterFileNamesOnlyRealKeys(t *testing.T) {
	text := string(StarterFile())
	known := map[string]bool{}
	for _, k := range KeyNames() {
		known[k] = true
	}
	env := map[string]bool{"RUSHES_CONFIG": true}
	for _, k := range KeyNames() {
		env[EnvName(k)] = true
	}
	flags := pflag.NewFlagSet("rushes", pflag.ContinueOnError)
	RegisterFlags(flags)
	checks := []struct {
		what   string
		re     *regexp.Regexp
		exists func(string) bool
	}{
		{"key", regexp.MustCompile(`\b[a-z]+(?:_[a-z0-9]+)+\b|\blog\.[a-z]+\b`), func(s string) bool { return known[s] }},
		{"variable", regexp.MustCompile(`\bRUSHES_[A-Z][A-Z_]*\b`), func(s string) bool { return env[s] }},
		{"flag", regexp.MustCompile(`--[a-z][a-z-]*`), func(s string) bool { return flags.Lookup(s[2:]) != nil }},
	}
	named := 0
	for n, line := range strings.Split(text, "\n") {
		comment, ok := strings.CutPrefix(strings.TrimSpace(line), "#")
		if !ok {
			continue
		}
		for _, c := range checks {
			for _, name := range c.re.FindAllString(comment, -1) {
				named++
				if !c.exists(name) {
					t.Errorf("starter file line %d names %s %s, which does not exist: %q", n+1, c.what, name, line)
				}
			}
		}
	}
	if named < 5 {
		t.Errorf("found only %d names in the starter file's comments: is the scan broken?", named)
	}
}

// TestStarterFileExamplesLoad uncomments every example of the starter file and loads the
// result with the real loader: each example is valid, and sets its key.
func TestStarterFileExamplesLoad(t *testing.T) {
	examples := uncommentExamples(string(StarterFile()))
	if len(examples) == 0 {
		t.Fatal("no examples found in the starter file")
	}
	dir := t.TempDir()
	// The examples name mounted drives; mount them here.
	mounts := strings.NewReplacer(" /Volumes", " "+dir+"/Volumes", " /mnt", " "+dir+"/mnt")
	for _, d := range []string{"Volumes/SHUTTLE_1", "mnt/nas/drop"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	var doc strings.Builder
	for key, block := range examples {
		block = mounts.Replace(block)
		examples[key] = block
		doc.WriteString(block)
		path := writeFile(t, dir, key+".yaml", block)
		if err := ValidateFile(path); err != nil {
			t.Errorf("example for %s does not load: %v\n%s", key, err, block)
		}
	}
	path := writeFile(t, dir, "rushes.yaml", doc.String())
	c, err := Load(hermetic(dir))
	if err != nil {
		t.Fatalf("all examples together: %v\n%s", err, doc.String())
	}
	for key := range examples {
		if src := c.source(key); src.Kind != FromFile || src.Name != path {
			t.Errorf("%s comes from %s, want the examples file", key, src)
		}
	}
}

// uncommentExamples returns each "# Example:" block of a starter file without its comment
// marks, by the key it sets.
func uncommentExamples(text string) map[string]string {
	out := map[string]string{}
	lines := strings.Split(text, "\n")
	for i := 0; i < len(lines); i++ {
		if strings.TrimSpace(lines[i]) != "# Example:" {
			continue
		}
		var block strings.Builder
		for i+1 < len(lines) && strings.HasPrefix(lines[i+1], "# ") {
			i++
			block.WriteString(strings.TrimPrefix(lines[i], "# ") + "\n")
		}
		key, _, _ := strings.Cut(block.String(), ":")
		out[key] = block.String()
	}
	return out
}
