package offload

import (
	"bytes"
	"encoding/binary"
	"io/fs"
	"math/rand"
	"os"
	"path/filepath"
	"testing"
)

// randomBytes is n bytes of seeded noise: one random MiB repeated, each
// repeat stamped with its number so no two blocks are the same.
func randomBytes(n int, seed int64) []byte {
	const tile = 1 << 20
	b := make([]byte, n)
	rand.New(rand.NewSource(seed)).Read(b[:min(n, tile)])
	for off := tile; off < n; off += tile {
		copy(b[off:], b[:tile])
		if off+8 <= n {
			binary.BigEndian.PutUint64(b[off:], uint64(off))
		}
	}
	return b
}

func writeFile(t testing.TB, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// assertContent fails unless the file at path holds exactly want.
func assertContent(t *testing.T, path string, want []byte) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s: %d bytes differ from the %d expected", path, len(got), len(want))
	}
}

// assertNoFile fails if anything exists at path.
func assertNoFile(t *testing.T, path string) {
	t.Helper()
	if _, err := os.Lstat(path); err == nil {
		t.Errorf("%s exists, want nothing there", path)
	}
}

// assertNoPartials fails if a partial file is left anywhere under root.
func assertNoPartials(t *testing.T, root string) {
	t.Helper()
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err == nil && IsPartial(d.Name()) {
			t.Errorf("partial file left: %s", path)
		}
		return nil
	})
}

// listDir names everything under root, for before/after comparisons.
func listDir(t *testing.T, root string) []string {
	t.Helper()
	var names []string
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		names = append(names, path)
		return nil
	})
	return names
}
