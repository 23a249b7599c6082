package mhl

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fixtures is ../shared/fixtures from the project root.
const fixtures = "../../shared/fixtures"

func mhlFixtures(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(fixtures, "mhl")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("ASC MHL fixtures not found at %s: %v", dir, err)
	}
	return dir
}

// lookTool finds a command-line tool a test compares against; CI, which sets
// CI_REQUIRE_TOOLS, must have it.
func lookTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI_REQUIRE_TOOLS") != "" {
			t.Fatalf("%s not installed; .ci/run should have installed it", name)
		}
		t.Skipf("%s not installed", name)
	}
	return p
}

// writeTree creates files (slash path -> content) under root with a fixed
// modification time.
func writeTree(t *testing.T, root string, files map[string]string) {
	t.Helper()
	mod := time.Date(2026, 11, 2, 14, 30, 0, 0, time.UTC)
	for p, content := range files {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(full, mod, mod); err != nil {
			t.Fatal(err)
		}
	}
}

// entriesFor hashes the files under root as a caller would, in algo.
func entriesFor(t *testing.T, root, algo, action string, paths ...string) []Entry {
	t.Helper()
	var out []Entry
	for _, p := range paths {
		full := filepath.Join(root, filepath.FromSlash(p))
		fi, err := os.Stat(full)
		if err != nil {
			t.Fatal(err)
		}
		sums, err := hashFile(t.Context(), full, []Entry{{Algo: algo}})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, Entry{Path: p, Size: fi.Size(), ModTime: fi.ModTime(), Algo: algo, Hash: sums[0], Action: action})
	}
	return out
}

// xmllintSchemas copies the fixture schemas into a temporary folder with the
// directory schema importing the hash list schema from beside it (the
// fixture points at a URL, and tests run offline).
func xmllintSchemas(t *testing.T) (hashList, directory string) {
	t.Helper()
	src := filepath.Join(mhlFixtures(t), "xsd")
	dst := t.TempDir()
	for _, name := range []string{"ASCMHL.xsd", "ASCMHLDirectory.xsd"} {
		b, err := os.ReadFile(filepath.Join(src, name))
		if err != nil {
			t.Fatal(err)
		}
		s := strings.ReplaceAll(string(b), "https://raw.githubusercontent.com/ascmitc/mhl/master/xsd/ASCMHL.xsd", "ASCMHL.xsd")
		if err := os.WriteFile(filepath.Join(dst, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dst, "ASCMHL.xsd"), filepath.Join(dst, "ASCMHLDirectory.xsd")
}

// validate runs xmllint with schema over file.
func validate(t *testing.T, xmllint, schema, file string) {
	t.Helper()
	out, err := exec.Command(xmllint, "--noout", "--nonet", "--schema", schema, file).CombinedOutput()
	if err != nil {
		t.Errorf("xmllint %s against %s: %v\n%s", filepath.Base(file), filepath.Base(schema), err, out)
	}
}
