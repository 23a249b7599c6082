package probe

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Every read of a source file or folder in the probe goes through
// fsutil.OpenRead (no atime update where the system allows): a plain open
// added to a reader would quietly break the promise on strictatime mounts.
func TestProbeOpensOnlyThroughFsutil(t *testing.T) {
	plain := regexp.MustCompile(`\bos\.(Open|OpenFile|ReadFile|ReadDir)\(`)
	err := filepath.WalkDir(".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(b), "\n") {
			if plain.MatchString(line) {
				t.Errorf("%s:%d opens a source without fsutil.OpenRead: %s", p, i+1, strings.TrimSpace(line))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
