package checksum

import (
	"encoding/hex"
	"testing"
)

// Vectors from ../shared/fixtures/README.md (verified with xxhsum), and the
// well-known md5/sha1 of the same bytes.
func TestVectors(t *testing.T) {
	want := map[string]string{
		"xxh64":  "584b2ea1974f2b7c",
		"xxh3":   "6d4cbd75905c81aa",
		"xxh128": "61a67c014f703a456ee7a776fd8c06bd",
	}
	for algo, w := range want {
		h, err := New(algo)
		if err != nil {
			t.Fatal(err)
		}
		h.Write([]byte("media-hash-list"))
		if got := hex.EncodeToString(h.Sum(nil)); got != w {
			t.Errorf("%s = %s, want %s", algo, got, w)
		}
	}
	for _, a := range Algorithms() {
		if _, err := New(a); err != nil || !Known(a) {
			t.Errorf("%s: %v", a, err)
		}
	}
	if _, err := New("crc32"); err == nil || Known("crc32") {
		t.Error("crc32 accepted")
	}
}
