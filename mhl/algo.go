package mhl

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha512"
	"encoding/hex"
	"fmt"
	"hash"
	"slices"
	"strings"

	"github.com/cespare/xxhash/v2"
	"github.com/zeebo/xxh3"
)

// schemaAlgos are the hash formats ASC MHL knows, in the order its schema
// requires them inside a <hash> or a directory hash container.
var schemaAlgos = [...]string{"c4", "md5", "sha1", "xxh128", "xxh3", "xxh64"}

// Algorithms lists the hash formats this package writes and verifies, as
// ASC MHL names them. c4 is read and verified too, but rushes never picks it
// for files.
func Algorithms() []string { return []string{"xxh128", "xxh64", "xxh3", "md5", "sha1"} }

// knownAlgo reports whether algo is a hash format of the ASC MHL schema.
func knownAlgo(algo string) bool { return slices.Contains(schemaAlgos[:], algo) }

// algoRank orders algorithms as the schema sequence does.
func algoRank(algo string) int { return slices.Index(schemaAlgos[:], algo) }

// newHash returns a fresh hash for algo. Every one writes its sum big-endian,
// so its hex is what xxhsum, md5sum and sha1sum print.
func newHash(algo string) (hash.Hash, error) {
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
	case "c4":
		return sha512.New(), nil
	}
	return nil, fmt.Errorf("unknown hash %q (allowed: %v)", algo, schemaAlgos)
}

// encodeSum turns a raw sum into the text ASC MHL stores: lowercase hex, or a
// C4 id for c4.
func encodeSum(algo string, sum []byte) string {
	if algo == "c4" {
		return c4String(sum)
	}
	return hex.EncodeToString(sum)
}

// decodeSum turns stored text back into the raw sum, checking its length.
func decodeSum(algo, s string) ([]byte, error) {
	if algo == "c4" {
		return c4Bytes(s)
	}
	b, err := hex.DecodeString(s)
	if err != nil {
		return nil, fmt.Errorf("%s hash %q: not hex", algo, s)
	}
	h, err := newHash(algo)
	if err != nil {
		return nil, err
	}
	if len(b) != h.Size() {
		return nil, fmt.Errorf("%s hash %q: %d bytes, want %d", algo, s, len(b), h.Size())
	}
	return b, nil
}

// checkSum validates a hash as Write would store it: known algorithm, the
// right length, and lowercase as xxhsum prints it.
func checkSum(algo, s string) error {
	if _, err := decodeSum(algo, s); err != nil {
		return err
	}
	if algo != "c4" && strings.ToLower(s) != s {
		return fmt.Errorf("%s hash %q: not lowercase", algo, s)
	}
	return nil
}
