package mhl

import (
	"crypto/sha512"
	"encoding/hex"
	"fmt"
	"hash"
	"slices"
	"strings"

	"github.com/rushes/rushes/checksum"
)

// schemaAlgos are the hash formats ASC MHL knows, in the order its schema
// requires them inside a <hash> or a directory hash container.
var schemaAlgos = [...]string{"c4", "md5", "sha1", "xxh128", "xxh3", "xxh64"}

// Algorithms lists the hash formats this package writes and verifies, as
// ASC MHL names them. c4 is read and verified too, but rushes never picks it
// for files.
func Algorithms() []string { return checksum.Algorithms() }

// knownAlgo reports whether algo is a hash format of the ASC MHL schema.
func knownAlgo(algo string) bool { return slices.Contains(schemaAlgos[:], algo) }

// algoRank orders algorithms as the schema sequence does.
func algoRank(algo string) int { return slices.Index(schemaAlgos[:], algo) }

// newHash returns a fresh hash for algo: rushes' algorithms, and SHA-512
// for C4 ids.
func newHash(algo string) (hash.Hash, error) {
	if algo == "c4" {
		return sha512.New(), nil
	}
	return checksum.New(algo)
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
