package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The shared real binary: built once, removed when the tests end.
var built struct {
	once sync.Once
	dir  string
	bin  string
	out  []byte
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if built.dir != "" {
		os.RemoveAll(built.dir)
	}
	os.Exit(code)
}

// sharedDir is ../shared beside the repository: the tools and fixtures.
func sharedDir(elem ...string) string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(append([]string{filepath.Dir(file), "..", "..", "..", "shared"}, elem...)...)
}

// requireTool fails (under CI_REQUIRE_TOOLS) or skips when a reference
// tool cannot run here.
func requireTool(t *testing.T, name string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	if os.Getenv("CI_REQUIRE_TOOLS") != "" {
		t.Fatalf("%s does not run here (.ci/run installs what it needs): %v", name, err)
	}
	t.Skipf("%s does not run here: %v", name, err)
}

var ascmhlWorks struct {
	once sync.Once
	err  error
}

// ascmhl returns the reference tool (ascmhl or ascmhl-debug) once it has
// proved it runs: a generation created and verified on a scratch folder,
// which needs every Python package it imports.
func ascmhl(t *testing.T, name string) string {
	t.Helper()
	ascmhlWorks.once.Do(func() {
		dir, err := os.MkdirTemp("", "ascmhl-probe")
		if err != nil {
			ascmhlWorks.err = err
			return
		}
		defer os.RemoveAll(dir)
		os.WriteFile(filepath.Join(dir, "x"), []byte("x"), 0o644)
		if out, err := exec.Command(sharedDir("tools", "ascmhl"), "create", "-h", "xxh64", dir).CombinedOutput(); err != nil {
			ascmhlWorks.err = fmt.Errorf("ascmhl create: %v\n%s", err, out)
		}
	})
	requireTool(t, "the ASC MHL reference tool", ascmhlWorks.err)
	return sharedDir("tools", name)
}

// checkDestination asks the reference tool about one library or backup:
// no file unknown to its ASC MHL history (the catalog under .rushes is in
// the history's ignore list), every file re-hashed against the history,
// and no partial file left.
func checkDestination(t *testing.T, root string) {
	t.Helper()
	for _, c := range [][]string{{ascmhl(t, "ascmhl"), "diff", root}, {ascmhl(t, "ascmhl-debug"), "verify", root}} {
		if out, err := exec.Command(c[0], c[1:]...).CombinedOutput(); err != nil {
			t.Errorf("%s %s %s: %v\n%s", filepath.Base(c[0]), c[1], root, err, firstLines(string(out), 8))
		}
	}
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.Contains(d.Name(), ".rushes-partial-") {
			t.Errorf("partial file left: %s", p)
		}
		return nil
	})
}

// station is a hermetic setting for the real binary: its own folder,
// library and configuration (rushes.yaml in its folder).
type station struct {
	t   *testing.T
	bin string
	dir string
	lib string
}

func newStation(t *testing.T, config string) *station {
	t.Helper()
	s := &station{t: t, bin: buildRushes(t), dir: t.TempDir()}
	s.lib = filepath.Join(s.dir, "library")
	cfg := "library: " + s.lib + "\n" + config
	if err := os.WriteFile(filepath.Join(s.dir, "rushes.yaml"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	return s
}

// path is a path inside the station's folder.
func (s *station) path(rel string) string { return filepath.Join(s.dir, filepath.FromSlash(rel)) }

// result is what one run of the binary did.
type result struct {
	stdout, stderr string
	code           int  // exit status; -1 when killed
	killed         bool // ended by SIGKILL (a crash point)
}

func (r result) String() string {
	return fmt.Sprintf("exit %d (killed %v)\nstdout:\n%s\nstderr:\n%s", r.code, r.killed, r.stdout, r.stderr)
}

// command is the binary with args in the station, its environment
// cleared of RUSHES_ settings plus extra (KEY=VALUE).
func (s *station) command(extra []string, args ...string) *exec.Cmd {
	c := exec.Command(s.bin, args...)
	c.Dir = s.dir
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "RUSHES_") && !strings.HasPrefix(kv, "XDG_CONFIG_HOME=") && !strings.HasPrefix(kv, "HOME=") {
			c.Env = append(c.Env, kv)
		}
	}
	c.Env = append(c.Env, "XDG_CONFIG_HOME="+s.path("xdg"), "HOME="+s.path("home"))
	c.Env = append(c.Env, extra...)
	return c
}

func (s *station) rushes(args ...string) result { return s.runCmd(s.command(nil, args...)) }

func (s *station) runCmd(c *exec.Cmd) result {
	var out, errb bytes.Buffer
	c.Stdout, c.Stderr = &out, &errb
	err := c.Run()
	r := result{stdout: out.String(), stderr: errb.String()}
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		r.code = ee.ExitCode()
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL {
			r.killed = true
		}
	case err != nil:
		s.t.Fatalf("run %v: %v", c.Args, err)
	}
	return r
}

// withoutDAC makes a run obey file permissions even as root: the process
// loses the capabilities that override them (CAP_DAC_OVERRIDE,
// CAP_DAC_READ_SEARCH), so a mode 000 file or folder cannot be read.
func withoutDAC(t *testing.T, c *exec.Cmd) *exec.Cmd {
	t.Helper()
	if os.Geteuid() != 0 {
		return c
	}
	setpriv, err := exec.LookPath("setpriv")
	if err != nil {
		t.Skipf("running as root without setpriv (util-linux): cannot make a file unreadable to rushes")
	}
	const caps = "-dac_override,-dac_read_search"
	c.Args = append([]string{setpriv, "--bounding-set", caps, "--inh-caps", caps, c.Path}, c.Args[1:]...)
	c.Path = setpriv
	return c
}

// catalogued is the number of clips `rushes clips --format paths` lists.
func (s *station) catalogued() int {
	s.t.Helper()
	r := s.rushes("clips", "--format", "paths")
	if r.code != 0 {
		s.t.Errorf("rushes clips: %v", r)
	}
	return strings.Count(r.stdout, "\n")
}

// checkSafe asserts what every run must leave: each destination holds
// exactly want (by file name) with the right bytes and passes the
// reference tool, `rushes verify` finds nothing wrong and the catalog
// lists clips clips.
func (s *station) checkSafe(want map[string][]byte, clips int, dests ...string) {
	s.t.Helper()
	for _, d := range dests {
		checkLibraryHoldsExactly(s.t, d, want)
		checkDestination(s.t, d)
	}
	if r := s.rushes("verify"); r.code != 0 {
		s.t.Errorf("rushes verify: %v", r)
	}
	if n := s.catalogued(); n != clips {
		s.t.Errorf("catalog lists %d clips, want %d", n, clips)
	}
}

// tree maps every file under root (relative path) to its bytes, leaving
// out the catalog and the ASC MHL history.
func tree(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".rushes" || d.Name() == "ascmhl") {
			return fs.SkipDir
		}
		if d.Type().IsRegular() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, p)
			out[filepath.ToSlash(rel)] = string(b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// sameTree asserts a backup mirrors the library: the same relative paths
// with the same bytes.
func sameTree(t *testing.T, lib, backup string) {
	t.Helper()
	l, b := tree(t, lib), tree(t, backup)
	for p := range l {
		if _, ok := b[p]; !ok {
			t.Errorf("%s is in the library, not in the backup %s", p, backup)
		} else if l[p] != b[p] {
			t.Errorf("%s differs between the library and the backup", p)
		}
	}
	for p := range b {
		if _, ok := l[p]; !ok {
			t.Errorf("%s is in the backup %s, not in the library", p, backup)
		}
	}
}

// The timecode-match pair: an ARRI-named MOV (tmcd 12:40:00:00, 3 s, shot
// 2018-12-31; pipeline/testdata/README.md) and the Sound Devices take
// A101_1.WAV (iXML scene A101 take 1, rolling 12:39:59:00 for 5 s).
func pictureCard(t *testing.T, root string) map[string][]byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "pipeline", "testdata", "A002C004_181231_R1AB.mov"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, root, "A002R1AB/A002C004_181231_R1AB.mov", b)
	return map[string][]byte{"A002C004_181231_R1AB.mov": b}
}

func soundCard(t *testing.T, root string) map[string][]byte {
	t.Helper()
	b, err := os.ReadFile(sharedDir("fixtures", "sound", "sounddevices", "A101_1.WAV"))
	if err != nil {
		t.Fatalf("fixture: %v", err)
	}
	writeFile(t, root, "SOUND/A101_1.WAV", b)
	return map[string][]byte{"A101_1.WAV": b}
}

// mergeFiles adds b's files to a.
func mergeFiles(a, b map[string][]byte) map[string][]byte {
	for k, v := range b {
		a[k] = v
	}
	return a
}

// firstLines keeps a tool's long report readable in a test failure.
func firstLines(s string, n int) string {
	lines := strings.SplitAfter(s, "\n")
	if len(lines) <= n {
		return s
	}
	return strings.Join(lines[:n], "") + fmt.Sprintf("... (%d more lines)\n", len(lines)-n)
}

// waitUntil polls ok until it holds or limit passes, and says which.
func waitUntil(limit time.Duration, ok func() bool) bool {
	deadline := time.Now().Add(limit)
	for {
		if ok() {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(50 * time.Millisecond)
	}
}
