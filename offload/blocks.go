package offload

import "sync"

// Block buffers (source reads, read-backs, hashes) are lent from pools by
// size, powers of two from directAlign up to maxPooledBlock. A run copies
// thousands of small files: a buffer made for each cost page faults,
// zeroing and garbage collection, a third of the CPU of offloading small
// files, where a reused one is already mapped and likely cached. The pools
// are the package's only shared state and hold nothing a caller can see:
// a buffer goes back only once its last user is done with it.
const (
	maxPooledBlock = 1 << 20
	blockClasses   = 9 // directAlign<<(blockClasses-1) == maxPooledBlock
)

// blockPools[c] holds aligned buffers of directAlign<<c bytes, as *[]byte.
var blockPools [blockClasses]sync.Pool

// getBlock returns an aligned buffer of n bytes rounded up to directAlign,
// from a pool when n is at most maxPooledBlock.
func getBlock(n int) []byte {
	n = (n + directAlign - 1) &^ (directAlign - 1)
	c := blockClass(n)
	if c < 0 {
		return alignedBuf(n)
	}
	if b, ok := blockPools[c].Get().(*[]byte); ok {
		return (*b)[:n]
	}
	return alignedBuf(directAlign << c)[:n]
}

// putBlock gives b, from getBlock, back for reuse. Nothing may use b after.
func putBlock(b []byte) {
	c := blockClass(cap(b))
	if c < 0 || cap(b) != directAlign<<c {
		return // not one of the pools' sizes: left to the collector
	}
	b = b[:cap(b)]
	blockPools[c].Put(&b)
}

// blockClass is the pool of the smallest buffers that hold n bytes, or -1
// if n is over maxPooledBlock.
func blockClass(n int) int {
	if n > maxPooledBlock {
		return -1
	}
	c := 0
	for directAlign<<c < n {
		c++
	}
	return c
}
