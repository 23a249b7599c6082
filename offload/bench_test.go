package offload

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
)

const benchSize = 256 << 20

// benchSource writes a benchSize file, syncs it and drops it from the page
// cache, so each run reads it from the disk as from a card.
func benchSource(b *testing.B, dir string) string {
	b.Helper()
	src := filepath.Join(dir, "A001C001.MOV")
	writeFile(b, src, randomBytes(benchSize, 1))
	uncache(b, src)
	return src
}

func uncache(b *testing.B, path string) {
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	if err := f.Sync(); err != nil {
		b.Fatal(err)
	}
	if err := dropRange(f, 0, -1); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkCopy is a verified copy (one pass, flush, read back from disk)
// of a 256 MiB file; its MB/s compares with BenchmarkCpSync's.
func BenchmarkCopy(b *testing.B) {
	for _, n := range []int{1, 2} {
		b.Run(strconv.Itoa(n)+"dest", func(b *testing.B) {
			dir := b.TempDir()
			src := benchSource(b, dir)
			b.SetBytes(benchSize)
			for i := 0; b.Loop(); i++ {
				var dsts []string
				for d := range n {
					dsts = append(dsts, filepath.Join(dir, "run"+strconv.Itoa(i), strconv.Itoa(d), "A001C001.MOV"))
				}
				if _, err := (&Copier{}).Copy(context.Background(), src, dsts); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				uncache(b, src)
				os.RemoveAll(filepath.Join(dir, "run"+strconv.Itoa(i)))
				b.StartTimer()
			}
		})
	}
}

// BenchmarkCpSync is the unverified baseline of the product's target: cp,
// then flushing the copy to disk.
func BenchmarkCpSync(b *testing.B) {
	if _, err := exec.LookPath("cp"); err != nil {
		b.Skip("no cp")
	}
	dir := b.TempDir()
	src := benchSource(b, dir)
	dst := filepath.Join(dir, "copy.MOV")
	b.SetBytes(benchSize)
	for b.Loop() {
		if out, err := exec.Command("cp", src, dst).CombinedOutput(); err != nil {
			b.Fatalf("cp: %v %s", err, out)
		}
		uncache(b, dst) // fsync, as sync would
		b.StopTimer()
		uncache(b, src)
		os.Remove(dst)
		b.StartTimer()
	}
}
