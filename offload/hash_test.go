package offload

import (
	"bytes"
	"context"
	"github.com/rushes/rushes/checksum"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestHashVectors(t *testing.T) {
	tests := []struct {
		algo, in, want string
	}{
		{"xxh64", "media-hash-list", "584b2ea1974f2b7c"},
		{"xxh3", "media-hash-list", "6d4cbd75905c81aa"},
		{"xxh128", "media-hash-list", "61a67c014f703a456ee7a776fd8c06bd"},
		{"md5", "media-hash-list", "9db0fc9f30f5ee70041a7538809e2858"},
		{"sha1", "media-hash-list", "7b57673ac5633937a55b59009ad0c57ee08188b7"},
		{"xxh64", "", "ef46db3751d8e999"},
		{"xxh3", "", "2d06800538d394c2"},
		{"xxh128", "", "99aa06d3014798d86001c324468d497f"},
		{"xxh128", strings.Repeat("\x00", 100), "6ba30a4e9dffe1ff801fedc74ccd608c"},
	}
	for _, tt := range tests {
		t.Run(tt.algo+"/"+tt.want[:6], func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "f")
			writeFile(t, path, []byte(tt.in))
			got, n, err := HashFile(context.Background(), path, tt.algo)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want || n != int64(len(tt.in)) {
				t.Errorf("HashFile %s = %s (%d bytes), want %s (%d bytes)", tt.algo, got, n, tt.want, len(tt.in))
			}
		})
	}
}

func TestNewHashCoversAlgorithms(t *testing.T) {
	for _, algo := range checksum.Algorithms() {
		if _, err := checksum.New(algo); err != nil {
			t.Errorf("checksum.New(%q): %v", algo, err)
		}
	}
	if _, err := checksum.New("crc32"); err == nil || !strings.Contains(err.Error(), "crc32") {
		t.Errorf("checksum.New(crc32) error = %v, want one naming it", err)
	}
	if checksum.Algorithms()[0] != DefaultAlgo {
		t.Errorf("checksum.Algorithms()[0] = %s, want the default %s", checksum.Algorithms()[0], DefaultAlgo)
	}
}

// TestHashMatchesReferenceTools hashes random files of awkward sizes (around
// the xxh3 stripe and block sizes and our buffer size) with HashFile and with
// xxhsum, md5sum and sha1sum.
func TestHashMatchesReferenceTools(t *testing.T) {
	tools := map[string][]string{
		"xxh64":  {"xxhsum", "-H1"},
		"xxh128": {"xxhsum", "-H2"},
		"xxh3":   {"xxhsum", "-H3"},
		"md5":    {"md5sum"},
		"sha1":   {"sha1sum"},
	}
	sizes := []int{0, 1, 16, 17, 128, 129, 240, 241, 1024, 1025, hashBufSize - 1, hashBufSize, 3*hashBufSize + 7}
	dir := t.TempDir()
	for _, algo := range checksum.Algorithms() {
		tool := tools[algo]
		if _, err := exec.LookPath(tool[0]); err != nil {
			t.Logf("%s not installed: %s not cross-checked", tool[0], algo)
			continue
		}
		for _, size := range sizes {
			path := filepath.Join(dir, "random")
			writeFile(t, path, randomBytes(size, int64(size)))
			got, _, err := HashFile(context.Background(), path, algo)
			if err != nil {
				t.Fatal(err)
			}
			if want := referenceSum(t, tool, path); got != want {
				t.Errorf("%s of %d random bytes = %s, %s says %s", algo, size, got, tool[0], want)
			}
		}
	}
}

// referenceSum runs a *sum tool on path and returns the hex it prints, in
// either its "HEX  name" or its "XXH3 (name) = HEX" form.
func referenceSum(t *testing.T, tool []string, path string) string {
	t.Helper()
	var out bytes.Buffer
	cmd := exec.Command(tool[0], append(tool[1:], path)...)
	cmd.Stdout = &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("%v: %v", cmd.Args, err)
	}
	fields := strings.Fields(out.String())
	if len(fields) > 2 && fields[len(fields)-2] == "=" {
		return fields[len(fields)-1]
	}
	return fields[0]
}

func TestHashFileErrors(t *testing.T) {
	ctx := context.Background()
	if _, _, err := HashFile(ctx, filepath.Join(t.TempDir(), "missing"), "xxh128"); err == nil {
		t.Error("HashFile of a missing file succeeded")
	}
	path := filepath.Join(t.TempDir(), "f")
	writeFile(t, path, []byte("x"))
	if _, _, err := HashFile(ctx, path, "nope"); err == nil {
		t.Error("HashFile with an unknown algorithm succeeded")
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, _, err := HashFile(cancelled, path, "xxh128"); err == nil {
		t.Error("HashFile with a cancelled context succeeded")
	}
}
