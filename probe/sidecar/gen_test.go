package sidecar

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the fuzz seed corpus under testdata/fuzz/")

// TestGenerateSeeds copies every XML document under testdata/ into the
// FuzzReadSony seed corpus. Run:
//
//	go test ./probe/sidecar -run TestGenerateSeeds -update
func TestGenerateSeeds(t *testing.T) {
	if !*update {
		t.Skip("run with -update to rewrite testdata/fuzz/")
	}
	files, err := filepath.Glob(filepath.Join("testdata", "*.XML"))
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join("testdata", "fuzz", "FuzzReadSony")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		seed := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", b)
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), []byte(seed), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
