package main

import (
	"database/sql"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var contract = []string{"daemon", "ingest", "probe", "clips", "show", "scenes", "mark", "note", "export", "verify", "status", "config", "version", "man"}

func TestHelpListsTheContract(t *testing.T) {
	e := newEnv(t)
	out, _, code := e.runBare("--help")
	if code != 0 {
		t.Fatalf("--help exit %d", code)
	}
	for _, c := range contract {
		if !strings.Contains(out, "\n  "+c+" ") {
			t.Errorf("rushes --help does not list %q:\n%s", c, out)
		}
	}
	for _, c := range contract {
		out, _, code := e.runBare(c, "--help")
		if code != 0 || !strings.Contains(out, "Usage:") {
			t.Errorf("rushes %s --help: exit %d\n%s", c, code, out)
		}
	}
}

func TestInvalidConfigurationExits2NamingTheKey(t *testing.T) {
	cases := []struct {
		env, val string
		flag     []string
		want     []string
	}{
		{"RUSHES_HASH", "crc32", nil, []string{"hash", "crc32", "xxh128"}},
		{"RUSHES_LAYOUT", "{date}/{shot}/{name}", nil, []string{"layout", "{shot}", "{scene}"}},
		{"", "", []string{"--mode", "mirror"}, []string{"mode", "mirror", "copy"}},
	}
	for _, c := range cases {
		e := newEnv(t)
		if c.env != "" {
			t.Setenv(c.env, c.val)
		}
		_, stderr, code := e.run(append([]string{"clips"}, c.flag...)...)
		if code != exitUsage {
			t.Errorf("%s=%s %v: exit %d, want 2", c.env, c.val, c.flag, code)
		}
		for _, w := range c.want {
			if !strings.Contains(stderr, w) {
				t.Errorf("%s=%s %v: message %q lacks %q", c.env, c.val, c.flag, stderr, w)
			}
		}
	}
	e := newEnv(t)
	notDir := writeFile(t, e.dir, "file", []byte("x"))
	_, stderr, code := e.runBare("clips", "--library", notDir)
	if code != exitUsage || !strings.Contains(stderr, "library") || !strings.Contains(stderr, "not a directory") {
		t.Errorf("library not a directory: exit %d, %q", code, stderr)
	}
}

func TestCLIRefusesANewerCatalog(t *testing.T) {
	e := newEnv(t)
	card := filepath.Join(e.dir, "card")
	writeFile(t, card, "C0001.MP4", []byte("frames"))
	if _, stderr, code := e.run("ingest", card); code != 0 {
		t.Fatal(stderr)
	}
	db, err := sql.Open("sqlite3", filepath.Join(e.lib, ".rushes", "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("PRAGMA user_version = 999"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	for _, args := range [][]string{{"clips"}, {"ingest", card}, {"show", "C0001"}} {
		_, stderr, code := e.run(args...)
		if code != exitUsage || !strings.Contains(stderr, "schema version 999") || !strings.Contains(stderr, "upgrade rushes") {
			t.Errorf("rushes %v on a newer catalog: exit %d, %q", args, code, stderr)
		}
	}
}

func TestClipsFormatsAndShow(t *testing.T) {
	e := newEnv(t)
	card := filepath.Join(e.dir, "card")
	day := time.Date(2026, 11, 4, 12, 0, 0, 0, time.Local)
	for _, n := range []string{"C0001.MP4", "C0002.MP4", "A101_3.WAV"} {
		p := writeFile(t, card, n, []byte(n))
		os.Chtimes(p, day, day)
	}
	if _, stderr, code := e.run("ingest", card); code != 0 {
		t.Fatal(stderr)
	}
	if got := listClips(t, e, "--kind", "audio"); len(got) != 1 || got[0].Name != "A101_3.WAV" || got[0].Kind != "audio" {
		t.Errorf("--kind audio: %+v", got)
	}
	if got := listClips(t, e, "--date", "2026-11-04", "--limit", "2"); len(got) != 2 {
		t.Errorf("--date --limit 2: %d clips", len(got))
	}
	if got := listClips(t, e, "--scene", "unsorted"); len(got) != 0 {
		t.Errorf("--scene matched clips without a scene: %+v", got)
	}
	if got := listClips(t, e, "--from", "2026-11-05"); len(got) != 0 {
		t.Errorf("--from after the day: %d clips", len(got))
	}

	out, _, code := e.run("clips", "--format", "paths", "-0")
	paths := strings.Split(strings.TrimSuffix(out, "\x00"), "\x00")
	if code != 0 || len(paths) != 3 || !strings.HasPrefix(paths[0], e.lib) {
		t.Errorf("--format paths -0: %q", out)
	}
	out, _, _ = e.run("clips", "--format", "csv")
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(rows) != 4 || rows[0][0] != "id" {
		t.Errorf("csv: %v %q", err, out)
	}
	out, _, code = e.run("clips", "--format", "table")
	if code != 0 || !strings.Contains(out, "LIBRARY PATH") || !strings.Contains(out, "C0002.MP4") {
		t.Errorf("table:\n%s", out)
	}
	if _, stderr, code := e.run("clips", "--format", "xml"); code != exitUsage || !strings.Contains(stderr, "table, json, csv") {
		t.Errorf("--format xml: %d %q", code, stderr)
	}
	for _, cmd := range []string{"clips", "scenes", "verify", "export"} { // every command with the filters
		if _, stderr, code := e.run(cmd, "--date", "yesterday"); code != exitUsage || !strings.Contains(stderr, "YYYY-MM-DD") {
			t.Errorf("%s --date yesterday: %d %q", cmd, code, stderr)
		}
	}

	out, _, code = e.run("show", "C0002", "--format", "table")
	if code != 0 || !strings.Contains(out, "C0002.MP4") || !strings.Contains(out, "from file-mtime") || !strings.Contains(out, "verified") {
		t.Errorf("show C0002: %d\n%s", code, out)
	}
	out, _, code = e.run("show", "C0002.MP4", "--json")
	if code != 0 || !strings.Contains(out, `"library_path"`) || !strings.Contains(out, `"files"`) || !strings.Contains(out, `"history"`) {
		t.Errorf("show --json: %d\n%s", code, out)
	}
	if _, stderr, code := e.run("show", "C9999"); code != exitFailed || !strings.Contains(stderr, "C9999") {
		t.Errorf("show missing clip: %d %q", code, stderr)
	}
}

// The JSON field names are a contract scripts rely on.
func TestClipsJSONFieldNames(t *testing.T) {
	e := newEnv(t)
	card := filepath.Join(e.dir, "card")
	writeFile(t, card, "C0001.MP4", []byte("x"))
	if _, stderr, code := e.run("ingest", card); code != 0 {
		t.Fatal(stderr)
	}
	out, _, _ := e.run("clips", "--json")
	for _, f := range strings.Fields("id name kind date shot_at scene take camera reel tc_start fps duration_s codec width height sample_rate channels size_bytes library_path source_path hash_algo hash files circled rating ng notes tags ingested_at provenance") {
		if !strings.Contains(out, `"`+f+`":`) {
			t.Errorf("clips --json lacks field %q", f)
		}
	}
}

func TestQueryBeforeFirstIngest(t *testing.T) {
	e := newEnv(t)
	out, stderr, code := e.run("clips", "--json")
	if code != 0 || strings.TrimSpace(out) != "[]" || !strings.Contains(stderr, "rushes ingest") {
		t.Errorf("clips with no catalog: %d %q %q", code, out, stderr)
	}
	if _, err := os.Stat(e.lib); !os.IsNotExist(err) {
		t.Error("a query created the library")
	}
}

func TestProbeCommand(t *testing.T) {
	fx := fixturesDir(t)
	e := newEnv(t)
	t.Setenv("RUSHES_TIMEZONE", "UTC")
	junk := writeFile(t, e.dir, "card/broken.mov", []byte("\x00\x00\x00\x10ftypqt  garbage!"))
	out, stderr, code := e.runBare("probe", "--json", filepath.Join(fx, "sound/sounddevices/A101_1.WAV"), filepath.Dir(junk))
	if code != 0 {
		t.Fatalf("probe exit %d: %s", code, stderr)
	}
	for _, w := range []string{`"scene": "A101"`, `"take": "1"`, `"tc_start": "12:39:59:00"`, `"date": "2018-12-31"`,
		`"scene": "ixml"`, `"path": "` + junk + `"`, `"warnings": [`} {
		if !strings.Contains(out, w) {
			t.Errorf("probe --json lacks %s:\n%s", w, out)
		}
	}
	if _, _, code := e.runBare("probe", filepath.Join(e.dir, "nope.mov")); code != exitFailed {
		t.Errorf("probe of a missing path: exit %d, want 1", code)
	}
	out, _, code = e.runBare("probe", "--format", "table", filepath.Join(fx, "video/gopro/karma.mp4"))
	if code != 0 || !strings.Contains(out, "19:26:48:04") || !strings.Contains(out, "854x480") {
		t.Errorf("probe table: %d\n%s", code, out)
	}
}
