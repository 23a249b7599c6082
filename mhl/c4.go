package mhl

import (
	"crypto/sha512"
	"fmt"
	"io"
	"math/big"
	"strings"
)

// C4 ids (SMPTE ST 2114): "c4" followed by the SHA-512 of the bytes as a
// base58 number, left-padded with the alphabet's zero ('1') to 90 characters.
const (
	c4Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
	c4Len      = 90
)

// C4 returns the C4 id of everything r yields, as the chain file records
// each generation's.
func C4(r io.Reader) (string, error) {
	h := sha512.New()
	if _, err := io.Copy(h, r); err != nil {
		return "", fmt.Errorf("c4: %w", err)
	}
	return c4String(h.Sum(nil)), nil
}

// c4String encodes a SHA-512 sum as a C4 id.
func c4String(sum []byte) string {
	n := new(big.Int).SetBytes(sum)
	base := big.NewInt(58)
	mod := new(big.Int)
	digits := make([]byte, 0, c4Len)
	for n.Sign() > 0 {
		n.DivMod(n, base, mod)
		digits = append(digits, c4Alphabet[mod.Int64()])
	}
	for len(digits) < c4Len-2 {
		digits = append(digits, c4Alphabet[0])
	}
	out := make([]byte, 0, c4Len)
	out = append(out, 'c', '4')
	for i := len(digits) - 1; i >= 0; i-- {
		out = append(out, digits[i])
	}
	return string(out)
}

// c4Bytes decodes a C4 id back into its 64-byte SHA-512 sum.
func c4Bytes(id string) ([]byte, error) {
	if len(id) != c4Len || !strings.HasPrefix(id, "c4") {
		return nil, fmt.Errorf("c4 id %q: want %d characters starting c4", id, c4Len)
	}
	n := new(big.Int)
	base := big.NewInt(58)
	for i := 2; i < len(id); i++ {
		d := strings.IndexByte(c4Alphabet, id[i])
		if d < 0 {
			return nil, fmt.Errorf("c4 id %q: %q is not base58", id, id[i])
		}
		n.Mul(n, base).Add(n, big.NewInt(int64(d)))
	}
	if n.BitLen() > 512 {
		return nil, fmt.Errorf("c4 id %q: larger than a SHA-512 sum", id)
	}
	return n.FillBytes(make([]byte, sha512.Size)), nil
}
