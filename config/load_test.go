package config

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/spf13/pflag"
)

// writeFile writes content to dir/name (creating folders) and returns its path.
func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// hermetic returns options that see no process environment and search only dir/rushes.yaml.
func hermetic(dir string) Options {
	return Options{WorkDir: dir, Env: []string{}, Search: []string{filepath.Join(dir, "rushes.yaml")}}
}

// parsedFlags returns the standard flags plus the daemon's, parsed from args.
func parsedFlags(t *testing.T, args ...string) *pflag.FlagSet {
	t.Helper()
	fs := pflag.NewFlagSet("rushes", pflag.ContinueOnError)
	RegisterFlags(fs)
	RegisterKeyFlags(fs, "watch", "settle", "backups", "patterns", "day_starts")
	if err := fs.Parse(args); err != nil {
		t.Fatal(err)
	}
	return fs
}

// exported is c without its bookkeeping, for comparing values.
func exported(c *Config) Config {
	v := *c
	v.file, v.sources = "", nil
	return v
}

func TestLoadDefaultsWithNoFile(t *testing.T) {
	dir := t.TempDir()
	c, err := Load(hermetic(dir))
	if err != nil {
		t.Fatal(err)
	}
	want := Config{
		Library:    filepath.Join(dir, "library"),
		Catalog:    filepath.Join(dir, "library", ".rushes", "catalog.db"),
		Watch:      []string{filepath.Join(dir, "ingest")},
		Layout:     "{date}/{scene}/{camera}/{name}",
		Hash:       "xxh128",
		Mode:       "copy",
		Settle:     5 * time.Second,
		MinOverlap: time.Second,
		Timezone:   time.Local,
		Cameras:    map[string]string{},
		Hooks:      map[string]string{},
		Log:        Log{Level: "info", Format: "text"},
	}
	if got := exported(c); !reflect.DeepEqual(got, want) {
		t.Errorf("Load with no file:\n got %+v\nwant %+v", got, want)
	}
	if got := exported(Defaults(dir)); !reflect.DeepEqual(got, want) {
		t.Errorf("Defaults:\n got %+v\nwant %+v", got, want)
	}
	if c.File() != "" {
		t.Errorf("File() = %q, want none", c.File())
	}
	if err := Defaults(dir).Validate(); err != nil {
		t.Errorf("Defaults do not validate: %v", err)
	}
}

func TestLoadSearchOrder(t *testing.T) {
	type files struct{ wd, xdg, home, explicit, flag, env bool }
	tests := []struct {
		name  string
		have  files
		unset string // environment variable left out
		want  string // hash of the file expected to win
	}{
		{"working dir first", files{wd: true, xdg: true, home: true}, "", "md5"},
		{"xdg config home next", files{xdg: true, home: true}, "", "sha1"},
		{"~/.config without XDG_CONFIG_HOME", files{home: true}, "XDG_CONFIG_HOME", "xxh3"},
		{"explicit file beats the search", files{wd: true, explicit: true}, "", "xxh64"},
		{"--config beats the search", files{wd: true, flag: true}, "", "xxh128"},
		{"RUSHES_CONFIG beats the search", files{wd: true, env: true}, "", "sha1"},
		{"--config beats RUSHES_CONFIG", files{flag: true, env: true}, "", "xxh128"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			wd, home, xdg := filepath.Join(root, "wd"), filepath.Join(root, "home"), filepath.Join(root, "xdg")
			for _, d := range []string{wd, home, xdg} {
				if err := os.MkdirAll(d, 0o755); err != nil {
					t.Fatal(err)
				}
			}
			opts := Options{WorkDir: wd, Env: []string{"HOME=" + home, "XDG_CONFIG_HOME=" + xdg}}
			if tt.unset != "" {
				opts.Env = slices.DeleteFunc(opts.Env, func(kv string) bool { return strings.HasPrefix(kv, tt.unset+"=") })
			}
			if tt.have.wd {
				writeFile(t, wd, "rushes.yaml", "hash: md5\n")
			}
			if tt.have.xdg {
				writeFile(t, xdg, "rushes/config.yaml", "hash: sha1\n")
			}
			if tt.have.home {
				writeFile(t, home, ".config/rushes/config.yaml", "hash: xxh3\n")
			}
			if tt.have.explicit {
				opts.File = writeFile(t, root, "explicit.yaml", "hash: xxh64\n")
			}
			if tt.have.flag {
				opts.Flags = parsedFlags(t, "--config", writeFile(t, root, "flag.yaml", "mode: move\n"))
			}
			if tt.have.env {
				opts.Env = append(opts.Env, "RUSHES_CONFIG="+writeFile(t, root, "env.yaml", "hash: sha1\n"))
			}
			if !tt.have.xdg && !tt.have.home && !tt.have.wd && !tt.have.explicit && !tt.have.flag && !tt.have.env {
				t.Fatal("test needs a file: /etc/rushes/config.yaml would leak in")
			}
			c, err := Load(opts)
			if err != nil {
				t.Fatal(err)
			}
			if c.Hash != tt.want {
				t.Errorf("hash = %q from %s, want %q", c.Hash, c.File(), tt.want)
			}
		})
	}
}

func TestSearchPaths(t *testing.T) {
	got := SearchPaths(Options{WorkDir: "/w", Env: []string{"HOME=/h", "XDG_CONFIG_HOME=/x"}})
	want := []string{"/w/rushes.yaml", "/x/rushes/config.yaml", "/etc/rushes/config.yaml"}
	if !slices.Equal(got, want) {
		t.Errorf("SearchPaths = %q, want %q", got, want)
	}
	got = SearchPaths(Options{WorkDir: "/w", Env: []string{"HOME=/h", "XDG_CONFIG_HOME=relative"}})
	want = []string{"/w/rushes.yaml", "/h/.config/rushes/config.yaml", "/etc/rushes/config.yaml"}
	if !slices.Equal(got, want) {
		t.Errorf("SearchPaths with a relative XDG_CONFIG_HOME = %q, want %q", got, want)
	}
}

// TestLoadPrecedence sets keys in the file, the environment and flags, and checks the
// highest layer wins for a scalar, a path, a list and a nested key.
func TestLoadPrecedence(t *testing.T) {
	const file = `library: from-file
watch: [file-a, file-b]
hash: md5
settle: 10s
log:
  level: debug
`
	env := []string{"RUSHES_LIBRARY=from-env", "RUSHES_WATCH=env-a, env-b", "RUSHES_HASH=sha1",
		"RUSHES_SETTLE=20s", "RUSHES_LOG_LEVEL=warn"}
	flags := []string{"--library", "from-flag", "--watch", "flag-a", "--watch", "flag-b", "--hash", "xxh3",
		"--settle", "30s", "--log-level", "error"}

	tests := []struct {
		name     string
		env      []string
		flags    []string
		library  string // relative to the file's folder (file) or the working dir (env, flag)
		watch    []string
		hash     string
		settle   time.Duration
		level    string
		fromKind string
	}{
		{"file", nil, nil, "conf/from-file", []string{"conf/file-a", "conf/file-b"}, "md5", 10 * time.Second, "debug", FromFile},
		{"env over file", env, nil, "wd/from-env", []string{"wd/env-a", "wd/env-b"}, "sha1", 20 * time.Second, "warn", FromEnv},
		{"flag over env", env, flags, "wd/from-flag", []string{"wd/flag-a", "wd/flag-b"}, "xxh3", 30 * time.Second, "error", FromFlag},
		{"flag over file", nil, flags, "wd/from-flag", []string{"wd/flag-a", "wd/flag-b"}, "xxh3", 30 * time.Second, "error", FromFlag},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			wd := filepath.Join(root, "wd")
			if err := os.Mkdir(wd, 0o755); err != nil {
				t.Fatal(err)
			}
			opts := Options{WorkDir: wd, Env: append([]string{}, tt.env...), Search: []string{},
				File: writeFile(t, root, "conf/rushes.yaml", file), Flags: parsedFlags(t, tt.flags...)}
			c, err := Load(opts)
			if err != nil {
				t.Fatal(err)
			}
			abs := func(p string) string { return filepath.Join(root, p) }
			var watch []string
			for _, w := range tt.watch {
				watch = append(watch, abs(w))
			}
			if c.Library != abs(tt.library) || !slices.Equal(c.Watch, watch) || c.Hash != tt.hash ||
				c.Settle != tt.settle || c.Log.Level != tt.level {
				t.Errorf("got library %s watch %q hash %s settle %s log.level %s\n"+
					"want library %s watch %q hash %s settle %s log.level %s",
					c.Library, c.Watch, c.Hash, c.Settle, c.Log.Level,
					abs(tt.library), watch, tt.hash, tt.settle, tt.level)
			}
			for _, key := range []string{"library", "watch", "hash", "settle", "log.level"} {
				if got := c.source(key).Kind; got != tt.fromKind {
					t.Errorf("source of %s = %s, want %s", key, got, tt.fromKind)
				}
			}
			if got := c.source("mode").Kind; got != FromDefault {
				t.Errorf("source of mode, set nowhere = %s, want default", got)
			}
			if c.Catalog != filepath.Join(c.Library, ".rushes", "catalog.db") {
				t.Errorf("catalog %s does not follow library %s", c.Catalog, c.Library)
			}
		})
	}
}

func TestLoadValueForms(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name  string
		file  string
		env   []string
		check func(*Config) bool
	}{
		{"catalog set apart from library", "library: lib\ncatalog: /var/db/rushes.db\n", nil,
			func(c *Config) bool { return c.Catalog == "/var/db/rushes.db" }},
		{"catalog empty follows library", "library: lib\ncatalog: \"\"\n", nil,
			func(c *Config) bool { return c.Catalog == filepath.Join(dir, "lib/.rushes/catalog.db") }},
		{"single path where a list is expected", "watch: /Volumes\n", nil,
			func(c *Config) bool { return slices.Equal(c.Watch, []string{"/Volumes"}) }},
		{"empty list key means the default", "watch:\n", nil,
			func(c *Config) bool { return slices.Equal(c.Watch, []string{filepath.Join(dir, "ingest")}) }},
		{"tilde is the home folder", "library: ~/footage\n", []string{"HOME=" + dir},
			func(c *Config) bool { return c.Library == filepath.Join(dir, "footage") }},
		{"serials keep their leading zeros and are folded", "cameras:\n  0012345: B\n  ILME-FX6V: A\n", nil,
			func(c *Config) bool {
				l1, _ := c.CameraLetter("0012345")
				l2, _ := c.CameraLetter("ilme-fx6v")
				return l1 == "B" && l2 == "A" && c.Cameras["ilme-fx6v"] == "A"
			}},
		{"cameras from the environment", "", []string{"RUSHES_CAMERAS=ILME-FX6V=A, 0012345=B"},
			func(c *Config) bool {
				return reflect.DeepEqual(c.Cameras, map[string]string{"ilme-fx6v": "A", "0012345": "B"})
			}},
		{"patterns from the environment split on newlines only", "",
			[]string{"RUSHES_PATTERNS=^(?P<scene>\\d{1,3})_(?P<take>\\d+)\n^Sc(?P<scene>\\d+)"},
			func(c *Config) bool {
				return slices.Equal(c.Patterns, []string{`^(?P<scene>\d{1,3})_(?P<take>\d+)`, `^Sc(?P<scene>\d+)`})
			}},
		{"unquoted day_starts and enum case", "day_starts: 05:30\nhash: XXH64\nmode: Move\n", nil,
			func(c *Config) bool {
				return c.DayStart == 5*time.Hour+30*time.Minute && c.Hash == "xxh64" && c.Mode == "move"
			}},
		{"timezone by IANA name", "timezone: Europe/Paris\n", nil,
			func(c *Config) bool { return c.Timezone.String() == "Europe/Paris" }},
		{"empty variable is unset", "hash: md5\n", []string{"RUSHES_HASH="},
			func(c *Config) bool { return c.Hash == "md5" }},
		{"unrelated RUSHES_ variables are left alone", "", []string{"RUSHES_FIXTURES=/x"},
			func(c *Config) bool { return c.Hash == "xxh128" }},
		{"log.level written flat", "log.level: debug\n", nil,
			func(c *Config) bool { return c.Log.Level == "debug" && c.Log.Format == "text" }},
		{"a file of comments only", "# nothing yet\n", nil,
			func(c *Config) bool { return c.Hash == "xxh128" }},
		{"ignore globs add to the built-ins", "ignore: ['*.tmp']\n", nil,
			func(c *Config) bool {
				g := c.IgnoreGlobs()
				return slices.Contains(g, ".DS_Store") && g[len(g)-1] == "*.tmp"
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := hermetic(dir)
			opts.File = writeFile(t, dir, "rushes.yaml", tt.file)
			opts.Env = append(opts.Env, tt.env...)
			c, err := Load(opts)
			if err != nil {
				t.Fatal(err)
			}
			if !tt.check(c) {
				t.Errorf("unexpected config: %+v", exported(c))
			}
		})
	}
}

func TestRegisterFlags(t *testing.T) {
	fs := pflag.NewFlagSet("rushes", pflag.ContinueOnError)
	RegisterFlags(fs)
	for _, name := range []string{"config", "library", "catalog", "hash", "layout", "mode", "log-level", "log-format"} {
		if fs.Lookup(name) == nil {
			t.Errorf("RegisterFlags did not define --%s", name)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("RegisterKeyFlags accepted a key that does not exist")
		}
	}()
	RegisterKeyFlags(fs, "libary")
}

func TestCamerasFlagReplacesFileAndEnv(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "rushes.yaml", "cameras:\n  FX6: A\n")
	opts := hermetic(dir)
	opts.Env = []string{"RUSHES_CAMERAS=FX6=B"}
	fs := pflag.NewFlagSet("rushes", pflag.ContinueOnError)
	RegisterKeyFlags(fs, "cameras")
	if err := fs.Parse([]string{"--cameras", "FX3=C,0012345=D"}); err != nil {
		t.Fatal(err)
	}
	opts.Flags = fs
	c, err := Load(opts)
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]string{"fx3": "C", "0012345": "D"}; !reflect.DeepEqual(c.Cameras, want) {
		t.Errorf("cameras = %v, want %v", c.Cameras, want)
	}
}
