package mhl

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The chain files of the reference tool's output give the C4 id of each
// generation file beside them.
func TestC4MatchesReferenceChains(t *testing.T) {
	fx := mhlFixtures(t)
	chains, err := filepath.Glob(filepath.Join(fx, "*", "*", "*", historyDir, chainFile))
	if err != nil || len(chains) < 3 {
		t.Fatalf("chain files in fixtures: %v %v", chains, err)
	}
	n := 0
	for _, chain := range chains {
		links, err := readChain(filepath.Dir(chain))
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range links {
			f, err := os.Open(filepath.Join(filepath.Dir(chain), l.Path))
			if err != nil {
				t.Fatal(err)
			}
			got, err := C4(f)
			f.Close()
			if err != nil {
				t.Fatal(err)
			}
			if got != l.C4 {
				t.Errorf("%s: C4 %s, chain says %s", l.Path, got, l.C4)
			}
			n++
		}
	}
	if n != 4 {
		t.Errorf("checked %d generation files, want 4", n)
	}
}

func TestC4PadsAndRoundTrips(t *testing.T) {
	zero := make([]byte, 64)
	if got, want := c4String(zero), "c4"+strings.Repeat("1", 88); got != want {
		t.Errorf("C4 of a zero sum: %s, want %s", got, want)
	}
	for _, in := range []string{"", "media-hash-list", strings.Repeat("x", 100000)} {
		id, err := C4(strings.NewReader(in))
		if err != nil {
			t.Fatal(err)
		}
		if len(id) != c4Len || !strings.HasPrefix(id, "c4") {
			t.Errorf("C4 %q: %d characters", id, len(id))
		}
		raw, err := c4Bytes(id)
		if err != nil {
			t.Fatal(err)
		}
		if c4String(raw) != id {
			t.Errorf("C4 %s does not round-trip", id)
		}
	}
	for _, bad := range []string{"c4short", "c5" + strings.Repeat("1", 88), "c4" + strings.Repeat("0", 88), "c4" + strings.Repeat("z", 88)} {
		if _, err := c4Bytes(bad); err == nil {
			t.Errorf("c4Bytes(%q) accepted", bad)
		}
	}
}

// Known vectors from fixtures/README.md, checked there with xxhsum.
func TestHashVectors(t *testing.T) {
	for algo, want := range map[string]string{
		"xxh64":  "584b2ea1974f2b7c",
		"xxh3":   "6d4cbd75905c81aa",
		"xxh128": "61a67c014f703a456ee7a776fd8c06bd",
	} {
		sum, err := sumOf(algo, []byte("media-hash-list"))
		if err != nil {
			t.Fatal(err)
		}
		if got := encodeSum(algo, sum); got != want {
			t.Errorf("%s: %s, want %s", algo, got, want)
		}
	}
	if _, err := C4(bytes.NewReader(nil)); err != nil {
		t.Fatal(err)
	}
}
