// Package checksum names the hash algorithms rushes offers and makes them.
// Every hash writes its sum big-endian, so hex.EncodeToString(h.Sum(nil))
// prints exactly what the reference tools print (xxhsum -H2/-H1/-H3,
// md5sum, sha1sum) and what ASC MHL records. It owns nothing else.
package checksum

import (
	"crypto/md5"
	"crypto/sha1"
	"fmt"
	"hash"
	"slices"

	"github.com/cespare/xxhash/v2"
	"github.com/zeebo/xxh3"
)

// Default is the algorithm rushes uses unless configured otherwise.
const Default = "xxh128"

// Algorithms returns the algorithm names, the default first.
func Algorithms() []string {
	return []string{"xxh128", "xxh64", "xxh3", "md5", "sha1"}
}

// Known reports whether algo is one of Algorithms.
func Known(algo string) bool { return slices.Contains(Algorithms(), algo) }

// New returns a fresh hash for algo.
func New(algo string) (hash.Hash, error) {
	switch algo {
	case "xxh128":
		return xxh3.New128(), nil
	case "xxh3":
		return xxh3.New(), nil
	case "xxh64":
		return xxhash.New(), nil
	case "md5":
		return md5.New(), nil
	case "sha1":
		return sha1.New(), nil
	}
	return nil, fmt.Errorf("unknown hash %q (allowed: %v)", algo, Algorithms())
}
