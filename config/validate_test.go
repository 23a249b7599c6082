package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestInvalidValues loads a bad configuration per case and checks the whole message the user
// sees: where the value came from, the key, the value and what is allowed. D stands for the
// test's folder, which holds afile (a file) and adir (a folder).
func TestInvalidValues(t *testing.T) {
	tests := []struct {
		name  string
		file  string
		env   []string
		flags []string
		key   string
		want  string
	}{
		{"hash", "hash: crc32\n", nil, nil, "hash",
			`D/rushes.yaml:1: hash: unknown value "crc32" (allowed: xxh128, xxh64, xxh3, md5, sha1)`},
		{"hash from a flag", "", nil, []string{"--hash", "crc32"}, "hash",
			`flag --hash: hash: unknown value "crc32" (allowed: xxh128, xxh64, xxh3, md5, sha1)`},
		{"mode from the environment", "", []string{"RUSHES_MODE=mirror"}, nil, "mode",
			`env RUSHES_MODE: mode: unknown value "mirror" (allowed: copy, move)`},
		{"layout unknown token", "layout: \"{date}/{shot}/{name}\"\n", nil, nil, "layout",
			`D/rushes.yaml:1: layout: unknown token {shot} in "{date}/{shot}/{name}" (allowed: {date}, {year}, {month}, {day}, {scene}, {take}, {camera}, {reel}, {card}, {kind}, {name}, {stem}, {ext})`},
		{"layout unbalanced {", "layout: \"{date/{scene}/{name}\"\n", nil, nil, "layout",
			`D/rushes.yaml:1: layout: unbalanced "{" at offset 0 in "{date/{scene}/{name}" (write tokens as {scene})`},
		{"layout unbalanced }", "layout: \"{date}}/{name}\"\n", nil, nil, "layout",
			`D/rushes.yaml:1: layout: unbalanced "}" at offset 6 in "{date}}/{name}" (write tokens as {scene})`},
		{"layout without a file name", "layout: \"{date}/{scene}\"\n", nil, nil, "layout",
			`D/rushes.yaml:1: layout: "{date}/{scene}" has neither {name} nor {stem}, so every clip would get the same file name`},
		{"layout leaving the library", "layout: \"../{name}\"\n", nil, nil, "layout",
			`D/rushes.yaml:1: layout: path segment ".." in "../{name}" (segments must be non-empty and stay inside the library)`},
		{"layout absolute", "layout: \"/{date}/{name}\"\n", nil, nil, "layout",
			`D/rushes.yaml:1: layout: "/{date}/{name}" must be relative to the library`},
		{"layout unquoted token", "hash: md5\nlayout: {date}\n", nil, nil, "layout",
			`D/rushes.yaml:2: layout: expected a single value, found a mapping; quote the template: layout: "{date}/{scene}/{camera}/{name}"`},
		{"library is a file", "library: afile\n", nil, nil, "library",
			`D/rushes.yaml:1: library: "D/afile" is not a directory`},
		{"library under a file", "", []string{"RUSHES_LIBRARY=afile/lib"}, nil, "library",
			`env RUSHES_LIBRARY: library: "D/afile/lib" is not a directory: a folder on its path is a file`},
		{"library on an unmounted drive", "library: nowhere/lib\n", nil, nil, "library",
			`D/rushes.yaml:1: library: "D/nowhere/lib" does not exist, nor does its parent "D/nowhere" (mount the drive or create the folder)`},
		{"catalog is a directory", "catalog: adir\n", nil, nil, "catalog",
			`D/rushes.yaml:1: catalog: "D/adir" is a directory, not a database file`},
		{"catalog inside an ingest root", "watch: [adir]\ncatalog: adir/cat.db\n", nil, nil, "catalog",
			`D/rushes.yaml:2: catalog: "D/adir/cat.db" is inside the ingest root "D/adir"; the daemon would ingest the catalog (and its -wal and -shm files) in a loop: put the catalog outside every watch root, such as in the library`},
		{"catalog deep inside an ingest root from a flag", "catalog: adir/cards/cat.db\n", nil, []string{"--watch", "adir"}, "catalog",
			`D/rushes.yaml:1: catalog: "D/adir/cards/cat.db" is inside the ingest root "D/adir"; the daemon would ingest the catalog (and its -wal and -shm files) in a loop: put the catalog outside every watch root, such as in the library`},
		{"watch root is a file", "watch: [adir, afile]\n", nil, nil, "watch[1]",
			`D/rushes.yaml:1: watch[1]: "D/afile" is not a directory`},
		{"watch root holds the library", "watch:\n  - adir\nlibrary: adir/lib\n", nil, nil, "watch[0]",
			`D/rushes.yaml:2: watch[0]: "D/adir" overlaps the library "D/adir/lib"; rushes would ingest its own library`},
		{"backup inside the library", "library: adir\nbackups:\n  - adir/copy\n", nil, nil, "backups[0]",
			`D/rushes.yaml:3: backups[0]: "D/adir/copy" overlaps the library "D/adir"; a backup must be another folder, ideally another drive`},
		{"backup on an unmounted drive", "backups: [nowhere/copy]\n", nil, nil, "backups[0]",
			`D/rushes.yaml:1: backups[0]: "D/nowhere/copy" does not exist, nor does its parent "D/nowhere" (mount the drive or create the folder)`},
		{"watch as a mapping", "watch: {a: b}\n", nil, nil, "watch",
			`D/rushes.yaml:1: watch: expected a list, found a mapping`},
		{"hash as a list", "hash: [md5, sha1]\n", nil, nil, "hash",
			`D/rushes.yaml:1: hash: expected a single value, found a list`},
		{"timezone", "timezone: Mars/Olympus\n", nil, nil, "timezone",
			`D/rushes.yaml:1: timezone: unknown time zone "Mars/Olympus" (use Local, UTC or an IANA name such as Europe/Paris)`},
		{"day_starts out of range", "day_starts: 25:00\n", nil, nil, "day_starts",
			`D/rushes.yaml:1: day_starts: invalid time "25:00" (use HH:MM from 00:00 to 23:59, such as 05:00)`},
		{"day_starts garbage", "", nil, []string{"--day-starts", "5am"}, "day_starts",
			`flag --day-starts: day_starts: invalid time "5am" (use HH:MM from 00:00 to 23:59, such as 05:00)`},
		{"settle negative", "settle: -5s\n", nil, nil, "settle",
			`D/rushes.yaml:1: settle: negative duration -5s (use 0s or more)`},
		{"settle garbage", "settle: soon\n", nil, nil, "settle",
			`D/rushes.yaml:1: settle: invalid duration "soon" (use a number and a unit: 5s, 30s, 2m)`},
		{"settle without a unit", "", []string{"RUSHES_SETTLE=30"}, nil, "settle",
			`env RUSHES_SETTLE: settle: invalid duration "30" (use a number and a unit: 5s, 30s, 2m)`},
		{"pattern bad regex", "patterns:\n  - '^Sc(?P<scene>\\d+)'\n  - '(?P<scene>'\n", nil, nil, "patterns[1]",
			`D/rushes.yaml:3: patterns[1]: invalid regex "(?P<scene>": missing closing )`},
		{"pattern without a named group", "patterns: ['^A\\d+']\n", nil, nil, "patterns[0]",
			`D/rushes.yaml:1: patterns[0]: "^A\\d+" captures no named group such as (?P<scene>...) (allowed: scene, take, camera, reel)`},
		{"pattern with an unknown group", "patterns: ['(?P<shot>\\d+)']\n", nil, nil, "patterns[0]",
			`D/rushes.yaml:1: patterns[0]: unknown group "shot" in "(?P<shot>\\d+)" (allowed: scene, take, camera, reel)`},
		{"ignore bad glob", "ignore:\n  - '*.tmp'\n  - '['\n", nil, nil, "ignore[1]",
			`D/rushes.yaml:3: ignore[1]: invalid glob "[" (use *, ? and [a-z] on names, such as *.tmp)`},
		{"log.level", "log:\n  level: verbose\n", nil, nil, "log.level",
			`D/rushes.yaml:2: log.level: unknown value "verbose" (allowed: debug, info, warn, error)`},
		{"log.format", "", nil, []string{"--log-format", "xml"}, "log.format",
			`flag --log-format: log.format: unknown value "xml" (allowed: text, json)`},
		{"log as a scalar", "log: debug\n", nil, nil, "log",
			`D/rushes.yaml:1: log: expected a mapping with level: and format:, found "debug"`},
		{"cameras empty letter", "cameras:\n  ILME-FX6V: A\n  C300: ''\n", nil, nil, "cameras.c300",
			`D/rushes.yaml:3: cameras.c300: empty camera letter (use a letter such as A)`},
		{"cameras letter that is a path", "cameras:\n  C300: A/B\n", nil, nil, "cameras.c300",
			`D/rushes.yaml:2: cameras.c300: invalid camera letter "A/B" (use up to 8 letters, digits, - or _, such as A)`},
		{"cameras entry without letter in the environment", "", []string{"RUSHES_CAMERAS=FX6"}, nil, "cameras",
			`env RUSHES_CAMERAS: cameras: invalid entry "FX6" (use SERIAL=LETTER, comma-separated)`},
		{"unknown key with a suggestion", "hash: md5\nlibary: /mnt/raid\n", nil, nil, "libary",
			`D/rushes.yaml:2: libary: unknown key (did you mean library?)`},
		{"unknown nested key", "log:\n  levl: debug\n", nil, nil, "log.levl",
			`D/rushes.yaml:2: log.levl: unknown key (did you mean log.level?)`},
		{"unknown key with a dash", "day-starts: 05:00\n", nil, nil, "day-starts",
			`D/rushes.yaml:1: day-starts: unknown key (did you mean day_starts?)`},
		{"unknown key far from any", "frobnicate: 1\n", nil, nil, "frobnicate",
			`D/rushes.yaml:1: frobnicate: unknown key (allowed: library, catalog, watch, layout, hash, backups, mode, settle, min_overlap, timezone, day_starts, cameras, hooks, patterns, ignore, log.level, log.format)`},
		{"duplicate key", "hash: md5\nmode: copy\nhash: sha1\n", nil, nil, "hash",
			`D/rushes.yaml:3: hash: duplicate key (first at line 1)`},
		{"log written twice", "log:\n  level: debug\nlog:\n  format: json\n", nil, nil, "log",
			`D/rushes.yaml:3: log: duplicate key (first at line 1)`},
		{"log.level written flat and nested", "log.level: warn\nlog:\n  level: debug\n", nil, nil, "log.level",
			`D/rushes.yaml:3: log.level: duplicate key (first at line 1)`},
		{"misspelt variable", "", []string{"RUSHES_LIBARY=/mnt/raid"}, nil, "",
			`env RUSHES_LIBARY: unknown variable (did you mean RUSHES_LIBRARY?)`},
		{"YAML syntax error", "hash: md5\nmode: copy\n  settle: 5s\n", nil, nil, "",
			`D/rushes.yaml:3: invalid YAML: mapping values are not allowed in this context`},
		{"YAML syntax error counted from zero by the parser", "hash: md5\nwatch:\n  - a\n - b\n", nil, nil, "",
			`D/rushes.yaml:4: invalid YAML: did not find expected key`},
		{"YAML unquoted layout", "hash: md5\nlayout: {date}/{scene}/{name}\n", nil, nil, "",
			`D/rushes.yaml:2: invalid YAML: did not find expected key; quote the layout template: layout: "{date}/{scene}/{camera}/{name}"`},
		{"YAML not a mapping", "- library\n", nil, nil, "",
			`D/rushes.yaml:1: expected keys such as library: and hash: at the top level, found a list`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, dir, "afile", "not a folder")
			if err := os.Mkdir(filepath.Join(dir, "adir"), 0o755); err != nil {
				t.Fatal(err)
			}
			opts := hermetic(dir)
			if tt.file != "" {
				writeFile(t, dir, "rushes.yaml", tt.file)
			}
			opts.Env = append(opts.Env, tt.env...)
			opts.Flags = parsedFlags(t, tt.flags...)
			c, err := Load(opts)
			if err == nil {
				t.Fatalf("Load accepted it: %+v", exported(c))
			}
			if c != nil {
				t.Errorf("Load returned a config with its error")
			}
			if got := strings.ReplaceAll(err.Error(), dir, "D"); got != tt.want {
				t.Errorf("error\n got %s\nwant %s", got, tt.want)
			}
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("%T is not a *config.Error", err)
			}
			if ce.Key != tt.key {
				t.Errorf("Key = %q, want %q", ce.Key, tt.key)
			}
		})
	}
}

func TestLoadReportsEveryProblemAtOnce(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "rushes.yaml", "mode: mirror\nlibary: x\nhash: crc32\nlog:\n  format: xml\n")
	_, err := Load(hermetic(dir))
	want := []string{
		`D/rushes.yaml:2: libary: unknown key (did you mean library?)`,
		`D/rushes.yaml:3: hash: unknown value "crc32" (allowed: xxh128, xxh64, xxh3, md5, sha1)`,
		`D/rushes.yaml:1: mode: unknown value "mirror" (allowed: copy, move)`,
		`D/rushes.yaml:5: log.format: unknown value "xml" (allowed: text, json)`,
	}
	if err == nil {
		t.Fatal("Load accepted it")
	}
	if got := strings.ReplaceAll(err.Error(), dir, "D"); got != strings.Join(want, "\n") {
		t.Errorf("errors\n got %s\nwant %s", got, strings.Join(want, "\n"))
	}
}

func TestLoadMissingExplicitFile(t *testing.T) {
	dir := t.TempDir()
	opts := hermetic(dir)
	opts.Flags = parsedFlags(t, "--config", "missing.yaml")
	_, err := Load(opts)
	var ce *Error
	if !errors.As(err, &ce) {
		t.Fatalf("error %v is not a *config.Error", err)
	}
	want := `D/missing.yaml: cannot read config file: no such file or directory`
	if got := strings.ReplaceAll(err.Error(), dir, "D"); got != want {
		t.Errorf("error\n got %s\nwant %s", got, want)
	}
}

// TestValidateHandBuilt covers configs other packages build in their tests.
func TestValidateHandBuilt(t *testing.T) {
	dir := t.TempDir()
	good := Defaults(dir)
	if err := good.Validate(); err != nil {
		t.Fatalf("defaults: %v", err)
	}
	bad := *good
	bad.Library, bad.Timezone, bad.DayStart, bad.Settle = "library", nil, 24*time.Hour, -time.Second
	want := []string{
		`library: "library" is not an absolute path`,
		`settle: negative duration -1s (use 0s or more)`,
		`timezone: not set (use Local, UTC or an IANA name such as Europe/Paris)`,
		`day_starts: out of range (use HH:MM from 00:00 to 23:59)`,
	}
	if got := bad.Validate(); got == nil || got.Error() != strings.Join(want, "\n") {
		t.Errorf("Validate\n got %v\nwant %s", got, strings.Join(want, "\n"))
	}
}

func TestValidateFile(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("RUSHES_HASH", "crc32") // ValidateFile judges the file alone
	good := writeFile(t, dir, "good.yaml", "hash: md5\nlibrary: lib\n")
	if err := ValidateFile(good); err != nil {
		t.Errorf("ValidateFile(good) = %v", err)
	}
	bad := writeFile(t, dir, "bad.yaml", "hash: md5\nlibary: lib\n")
	err := ValidateFile(bad)
	want := bad + `:2: libary: unknown key (did you mean library?)`
	if err == nil || err.Error() != want {
		t.Errorf("ValidateFile(bad) = %v, want %s", err, want)
	}
}

func TestHooks(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "rushes.yaml")
	os.WriteFile(path, []byte("hooks:\n  safe: notify-send done\n  finished: echo x\n  failed: \"  \"\n"), 0o644)
	err := ValidateFile(path)
	if err == nil {
		t.Fatal("bad hooks accepted")
	}
	for _, w := range []string{`hooks.finished`, `unknown event "finished"`, "safe, failed, attention", "hooks.failed", "empty command"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q lacks %q", err, w)
		}
	}
	os.WriteFile(path, []byte("hooks:\n  safe: notify-send done\n"), 0o644)
	cfg, err := Load(Options{File: path, Env: []string{}, WorkDir: dir})
	if err != nil || cfg.Hooks["safe"] != "notify-send done" {
		t.Errorf("hooks: %v %v", cfg, err)
	}
}
