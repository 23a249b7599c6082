package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rushes/rushes/daemon"
)

// Every wrong invocation is exit 2, and says what is wrong and where to look.
func TestUsageErrorsExit2(t *testing.T) {
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"bogus"}, []string{`unknown command "bogus"`, "rushes --help"}},
		{[]string{"clps"}, []string{`unknown command "clps"`, "did you mean clips"}},
		{[]string{"config", "shw"}, []string{`unknown command "shw" for "rushes config"`, "did you mean show"}},
		{[]string{"completion", "tcsh"}, []string{`unknown command "tcsh"`}},
		{[]string{"clips", "--bogus"}, []string{"unknown flag: --bogus"}},
		{[]string{"--bogus"}, []string{"unknown flag: --bogus"}},
		{[]string{"show"}, []string{"rushes show", "received 0", "usage: rushes show CLIP"}},
		{[]string{"show", "a", "b"}, []string{"received 2"}},
		{[]string{"note", "C0001"}, []string{"rushes note", "usage: rushes note CLIP TEXT"}},
		{[]string{"mark"}, []string{"rushes mark", "at least 1"}},
		{[]string{"ingest"}, []string{"rushes ingest", "usage: rushes ingest PATH"}},
		{[]string{"clips", "extra"}, []string{`"extra"`, "usage: rushes clips"}},
		{[]string{"version", "extra"}, []string{`"extra"`}},
		{[]string{"config", "init", "a", "b"}, []string{"rushes config init"}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			e := newEnv(t)
			_, stderr, code := e.runBare(tt.args...)
			if code != exitUsage {
				t.Errorf("exit %d, want %d: %q", code, exitUsage, stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("message %q lacks %q", stderr, w)
				}
			}
		})
	}
	e := newEnv(t)
	if out, _, code := e.runBare("config"); code != 0 || !strings.Contains(out, "Available Commands") {
		t.Errorf("a bare group prints its help, exit 0: got %d\n%s", code, out)
	}
}

// A day that has the shape but is no day (month 13, February 30) is a
// usage error naming the flag, the value and the form, on every command
// that takes the filters; it used to list nothing, exit 0.
func TestImpossibleDayIsAUsageError(t *testing.T) {
	e := newEnv(t)
	card := filepath.Join(e.dir, "card")
	writeFile(t, card, "C0001.MP4", []byte("x"))
	if _, stderr, code := e.run("ingest", card); code != 0 {
		t.Fatal(stderr)
	}
	for _, cmd := range []string{"clips", "scenes", "verify", "export"} {
		for _, flag := range []string{"--date", "--from", "--to"} {
			for _, day := range []string{"2018-13-45", "2026-02-30", "2026-1-2"} {
				args := []string{cmd, flag, day}
				if cmd == "export" {
					args = append(args, "--format", "json")
				}
				out, stderr, code := e.run(args...)
				if code != exitUsage || !strings.Contains(stderr, flag) || !strings.Contains(stderr, `"`+day+`"`) || !strings.Contains(stderr, "YYYY-MM-DD") {
					t.Errorf("%s %s %s: exit %d, %q %q", cmd, flag, day, code, stderr, out)
				}
			}
		}
	}
	if got := listClips(t, e, "--from", "2024-02-29"); len(got) != 1 { // a leap day is a day
		t.Errorf("--from 2024-02-29: %d clips", len(got))
	}
}

// mark without a mark changes nothing and must not say "marked".
func TestMarkWithoutAFlagIsAUsageError(t *testing.T) {
	e := newEnv(t)
	card := filepath.Join(e.dir, "card")
	writeFile(t, card, "C0001.MP4", []byte("x"))
	if _, stderr, code := e.run("ingest", card); code != 0 {
		t.Fatal(stderr)
	}
	out, stderr, code := e.run("mark", "C0001")
	if code != exitUsage || strings.Contains(out, "marked") {
		t.Errorf("mark C0001: exit %d, %q", code, out)
	}
	for _, f := range []string{"--circle", "--uncircle", "--ng", "--ok", "--rating", "--tag", "--untag", "--scene", "--take"} {
		if !strings.Contains(stderr, f) {
			t.Errorf("the message does not name %s: %q", f, stderr)
		}
	}
	if out, stderr, code := e.run("mark", "C0001", "--rating", "0"); code != 0 || !strings.Contains(out, "marked") {
		t.Errorf("mark --rating 0 is a mark: exit %d, %q %q", code, out, stderr)
	}
}

// The file config init writes names only keys that exist: with its examples
// uncommented (their drives mounted), config validate accepts it. It says
// how long a hook may run, as the daemon has it.
func TestStarterFileExamplesValidateThroughTheCLI(t *testing.T) {
	e := newEnv(t)
	if _, stderr, code := e.runBare("config", "init"); code != 0 {
		t.Fatal(stderr)
	}
	b, err := os.ReadFile(filepath.Join(e.dir, "rushes.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	if !strings.Contains(text, "after "+daemon.DefaultHookWait.String()) || strings.Contains(text, "hook_timeout") {
		t.Errorf("the starter file does not say hooks are stopped after %s", daemon.DefaultHookWait)
	}
	var doc strings.Builder
	lines := strings.Split(text, "\n")
	for i := 0; i < len(lines); i++ {
		if strings.TrimSpace(lines[i]) != "# Example:" {
			continue
		}
		for i+1 < len(lines) && strings.HasPrefix(lines[i+1], "# ") {
			i++
			doc.WriteString(strings.TrimPrefix(lines[i], "# ") + "\n")
		}
	}
	for _, d := range []string{"Volumes/SHUTTLE_1", "mnt/nas/drop"} {
		os.MkdirAll(filepath.Join(e.dir, d), 0o755)
	}
	examples := strings.NewReplacer(" /Volumes", " "+e.dir+"/Volumes", " /mnt", " "+e.dir+"/mnt").Replace(doc.String())
	if !strings.Contains(examples, "hooks:") || !strings.Contains(examples, "backups:") {
		t.Fatalf("examples not found:\n%s", examples)
	}
	path := writeFile(t, e.dir, "examples.yaml", []byte(examples))
	if out, stderr, code := e.runBare("config", "validate", path); code != 0 {
		t.Errorf("the starter's examples do not validate: exit %d %q %q\n%s", code, out, stderr, examples)
	}
}
