package offload

import (
	"testing"
	"unsafe"
)

// Lent buffers are aligned for direct reads, as long as asked (rounded up
// to directAlign), and a returned one is lent again only for its own size.
func TestBlocks(t *testing.T) {
	if directAlign<<(blockClasses-1) != maxPooledBlock {
		t.Fatalf("blockClasses %d does not reach maxPooledBlock %d", blockClasses, maxPooledBlock)
	}
	for _, tc := range []struct{ ask, len, cap int }{
		{1, 4096, 4096},
		{4096, 4096, 4096},
		{4097, 8192, 8192},
		{300 << 10, 300 << 10, 512 << 10},
		{1 << 20, 1 << 20, 1 << 20},
		{1<<20 + 1, 1<<20 + 4096, 1<<20 + 4096}, // over the pools: made to measure
	} {
		for range 3 { // new, then from the pool
			b := getBlock(tc.ask)
			if len(b) != tc.len || cap(b) != tc.cap {
				t.Fatalf("getBlock(%d): len %d cap %d, want %d %d", tc.ask, len(b), cap(b), tc.len, tc.cap)
			}
			if p := uintptr(unsafe.Pointer(&b[0])); p%directAlign != 0 {
				t.Fatalf("getBlock(%d) at %#x, not aligned", tc.ask, p)
			}
			putBlock(b)
		}
	}
	putBlock(make([]byte, 5000)) // not a pool size: dropped, not lent as 8 KiB
	for range 10 {
		if b := getBlock(8192); cap(b) != 8192 {
			t.Fatalf("getBlock(8192) lent cap %d", cap(b))
		}
	}
}
