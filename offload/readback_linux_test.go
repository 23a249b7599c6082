//go:build linux

package offload

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"unsafe"

	"golang.org/x/sys/unix"
)

// TestReadBackReadsAroundPagesTheKernelKeeps: pages the kernel will not drop
// (here: mapped by someone) are not read from the cache but with direct I/O.
func TestReadBackReadsAroundPagesTheKernelKeeps(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "copy")
	data := randomBytes(3<<20+123, 7)
	writeFile(t, path, data)
	f, err := os.Open(path)
	check(t, err)
	defer f.Close()
	check(t, f.Sync())
	m, err := unix.Mmap(int(f.Fd()), 0, len(data), unix.PROT_READ, unix.MAP_SHARED)
	check(t, err)
	defer unix.Munmap(m)
	if !bytes.Equal(m, data) { // faults every page in: mapped pages are never dropped
		t.Fatal("mapping differs from the file")
	}

	rb, err := startReadBack(context.Background(), path, int64(len(data)), DefaultAlgo)
	check(t, err)
	defer rb.stop()
	r, err := rb.uncached(span{off: 0, end: -1, synced: true})
	check(t, err)
	if n, _ := cachedPages(rb.f, 0, -1); n == 0 {
		t.Skip("the kernel dropped mapped pages: nothing to read around")
	}
	if r != rb.dio {
		t.Skipf("no direct I/O on %s", dir)
	}
	got, n, err := rb.finish(span{off: 0, end: -1, synced: true})
	want, _, _ := HashFile(context.Background(), path, DefaultAlgo)
	if err != nil || n != int64(len(data)) || got != want {
		t.Errorf("read back %d bytes, %s, %v; want %d bytes, %s", n, got, err, len(data), want)
	}
}

// TestHashFileReadsAroundPagesTheKernelKeeps: HashFile reads a file whose
// pages cannot be dropped (mapped) with direct I/O, to the right sum.
func TestHashFileReadsAroundPagesTheKernelKeeps(t *testing.T) {
	path := filepath.Join(t.TempDir(), "A001.MOV")
	data := randomBytes(2<<20+77, 9)
	writeFile(t, path, data)
	want, _, err := HashFile(context.Background(), path, DefaultAlgo)
	check(t, err)
	f, err := os.Open(path)
	check(t, err)
	defer f.Close()
	m, err := unix.Mmap(int(f.Fd()), 0, len(data), unix.PROT_READ, unix.MAP_SHARED)
	check(t, err)
	defer unix.Munmap(m)
	if !bytes.Equal(m, data) {
		t.Fatal("mapping differs from the file")
	}
	got, n, err := HashFile(context.Background(), path, DefaultAlgo)
	if err != nil || n != int64(len(data)) || got != want {
		t.Errorf("HashFile of a mapped file = %s, %d, %v; want %s, %d", got, n, err, want, len(data))
	}
}

func TestCachedPagesSeesDroppedPages(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f")
	writeFile(t, path, randomBytes(1<<20, 3))
	f, err := os.Open(path)
	check(t, err)
	defer f.Close()
	check(t, f.Sync())
	buf := make([]byte, 1<<20)
	_, err = f.ReadAt(buf, 0)
	check(t, err)
	if n, err := cachedPages(f, 0, -1); err != nil || n == 0 {
		t.Fatalf("after a read: %d pages cached, %v", n, err)
	}
	check(t, dropRange(f, 0, -1))
	if n, err := cachedPages(f, 0, -1); err != nil || n != 0 {
		t.Skipf("after a drop: %d pages cached, %v (the kernel may keep some)", n, err)
	}
}

func TestAlignedBuf(t *testing.T) {
	for _, n := range []int{1, 4095, 4096, 4097, 3 << 20} {
		b := alignedBuf(n)
		if uintptr(unsafe.Pointer(&b[0]))%directAlign != 0 || len(b)%directAlign != 0 || len(b) < n {
			t.Errorf("alignedBuf(%d): len %d at %p", n, len(b), &b[0])
		}
	}
}
