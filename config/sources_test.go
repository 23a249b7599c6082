package config

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// TestSourcesNameEachOrigin mixes every layer and checks config show's rows.
func TestSourcesNameEachOrigin(t *testing.T) {
	dir := t.TempDir()
	path := writeFile(t, dir, "rushes.yaml", "library: lib\nhash: md5\ncameras:\n  FX6: A\nlog:\n  level: debug\n")
	opts := hermetic(dir)
	opts.Env = []string{"RUSHES_HASH=sha1", "RUSHES_WATCH=in1,in2", "RUSHES_SETTLE=2m"}
	opts.Flags = parsedFlags(t, "--mode", "move", "--log-level", "warn")
	c, err := Load(opts)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		key, value, source string
	}{
		{"config", "D/rushes.yaml", "default (search path)"},
		{"library", "D/lib", "file D/rushes.yaml:1"},
		{"catalog", "D/lib/.rushes/catalog.db", "default (follows library)"},
		{"watch", "[D/in1, D/in2]", "env RUSHES_WATCH"},
		{"layout", "{date}/{scene}/{camera}/{name}", "default"},
		{"hash", "sha1", "env RUSHES_HASH"},
		{"backups", "[]", "default"},
		{"mode", "move", "flag --mode"},
		{"settle", "2m", "env RUSHES_SETTLE"},
		{"min_overlap", "1s", "default"},
		{"timezone", "Local", "default"},
		{"day_starts", "00:00", "default"},
		{"cameras", "{fx6: A}", "file D/rushes.yaml:3"},
		{"hooks", "{}", "default"},
		{"patterns", "[]", "default"},
		{"ignore", "[]", "default"},
		{"log.level", "warn", "flag --log-level"},
		{"log.format", "text", "default"},
	}
	rows := c.Sources()
	if len(rows) != len(want) {
		t.Fatalf("%d rows, want %d: %+v", len(rows), len(want), rows)
	}
	for i, w := range want {
		r := rows[i]
		got := []string{r.Key, strings.ReplaceAll(r.Text(), dir, "D"), strings.ReplaceAll(r.Source.String(), dir, "D")}
		if !reflect.DeepEqual(got, []string{w.key, w.value, w.source}) {
			t.Errorf("row %d = %q, want %q", i, got, []string{w.key, w.value, w.source})
		}
	}
	if c.File() != path {
		t.Errorf("File() = %q, want %q", c.File(), path)
	}
	b, err := json.Marshal(rows[3])
	if err != nil {
		t.Fatal(err)
	}
	wantJSON := `{"key":"watch","value":["D/in1","D/in2"],"source":"env RUSHES_WATCH"}`
	if got := strings.ReplaceAll(string(b), dir, "D"); got != wantJSON {
		t.Errorf("JSON row = %s, want %s", got, wantJSON)
	}
}

func TestSourcesOfDefaults(t *testing.T) {
	dir := t.TempDir()
	c, err := Load(hermetic(dir))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range c.Sources()[1:] {
		if r.Source.Kind != FromDefault {
			t.Errorf("%s comes from %s with nothing configured", r.Key, r.Source)
		}
	}
	if got := c.Sources()[0]; got.Value != "" || !strings.HasPrefix(got.Source.String(), "default (none found: ") {
		t.Errorf("config row = %+v, want no file and the places searched", got)
	}
}
