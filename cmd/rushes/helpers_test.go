package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// env is a hermetic setting for in-process runs of the command line: its
// own library, no configuration file found on the machine.
type env struct {
	t   *testing.T
	lib string
	dir string
}

func newEnv(t *testing.T) *env {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "xdg"))
	t.Setenv("HOME", filepath.Join(dir, "home"))
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); strings.HasPrefix(k, "RUSHES_") {
			t.Setenv(k, "")
			os.Unsetenv(k)
		}
	}
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chdir(wd) })
	lib := filepath.Join(dir, "library")
	return &env{t: t, lib: lib, dir: dir}
}

// run runs rushes with args plus --library, returning stdout, stderr and the exit status.
func (e *env) run(args ...string) (string, string, int) {
	e.t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), append(args, "--library", e.lib), strings.NewReader(""), &out, &errb)
	return out.String(), errb.String(), code
}

// runBare runs rushes with exactly args.
func (e *env) runBare(args ...string) (string, string, int) {
	e.t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(""), &out, &errb)
	return out.String(), errb.String(), code
}

// writeFile creates a file with content under root, making its folders.
func writeFile(t *testing.T, root, rel string, content []byte) string {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, content, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// pseudoRandom returns n deterministic bytes that do not compress.
func pseudoRandom(n int, seed uint64) []byte {
	b := make([]byte, n)
	x := seed*2654435761 + 1
	for i := range b {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		b[i] = byte(x)
	}
	return b
}
