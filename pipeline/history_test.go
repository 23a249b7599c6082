package pipeline

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"testing"
)

// referenceTool runs the ASC MHL reference tool (../shared/tools) on root:
// `ascmhl diff` (no file unknown to the history, none missing) and
// `ascmhl-debug verify` (every file re-hashed against the history).
func referenceTool(t *testing.T, root string) {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	tools := filepath.Join(filepath.Dir(file), "..", "..", "shared", "tools")
	if err := exec.Command(filepath.Join(tools, "ascmhl"), "--version").Run(); err != nil {
		if os.Getenv("CI_REQUIRE_TOOLS") != "" {
			t.Fatalf("the ASC MHL reference tool does not run: %v", err)
		}
		t.Skipf("the ASC MHL reference tool does not run: %v", err)
	}
	for _, args := range [][]string{{"ascmhl", "diff", root}, {"ascmhl-debug", "verify", root}} {
		out, err := exec.Command(filepath.Join(tools, args[0]), args[1:]...).CombinedOutput()
		if err != nil {
			t.Errorf("%s %s %s: %v\n%s", args[0], args[1], root, err, out)
		}
	}
}

// dropHistoryAfter removes the generations after the first n and the chain
// file, as a run killed before (or while) writing its manifest leaves them.
func dropHistoryAfter(t *testing.T, root string, n int) {
	t.Helper()
	gens, _ := filepath.Glob(filepath.Join(root, "ascmhl", "*.mhl"))
	sort.Strings(gens)
	for _, g := range gens[min(n, len(gens)):] {
		if err := os.Remove(g); err != nil {
			t.Fatal(err)
		}
	}
	os.Remove(filepath.Join(root, "ascmhl", "ascmhl_chain.xml"))
}

// A run killed after its files were verified and recorded, before its
// manifests were written, leaves histories that lack its files; the next
// run brings every destination's history up to date from the catalog, even
// though it copies nothing.
func TestHistoryLackingARunIsRepairedByTheNextRun(t *testing.T) {
	fx := newFixture(t)
	picture, sound := fx.cards()
	opts := fx.options()
	opts.Backups = []string{filepath.Join(fx.dir, "shuttle")}
	fx.run(opts, picture)
	for _, root := range []string{fx.lib, opts.Backups[0]} {
		dropHistoryAfter(t, root, 0)
	}
	s := fx.run(opts, picture)
	if s.Copied != 0 || len(s.Manifest) != 2 {
		t.Fatalf("rerun copied %d, manifests %v; want 0 copied and a generation on both destinations", s.Copied, s.Manifest)
	}
	for _, root := range []string{fx.lib, opts.Backups[0]} {
		referenceTool(t, root)
	}
	// The sound card moves the picture clip; its generation (the renames) is lost.
	s = fx.run(opts, sound)
	if len(s.Moved) != 1 {
		t.Fatalf("moved %v, want the picture clip", s.Moved)
	}
	for _, root := range []string{fx.lib, opts.Backups[0]} {
		dropHistoryAfter(t, root, 1)
	}
	s = fx.run(opts, sound)
	if len(s.Manifest) != 2 {
		t.Fatalf("manifests %v, want a repair on both destinations", s.Manifest)
	}
	for _, root := range []string{fx.lib, opts.Backups[0]} {
		referenceTool(t, root)
	}
}
