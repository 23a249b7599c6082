package watcher

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// BenchmarkWatch100k measures a watcher over 100,000 small files in nested folders (10 cards x
// 10 folders x 1,000 files), on a tmpfs when mounting is allowed: the first scan, delivery of
// everything (new) or settling everything as known (a restart), a full rescan, and the heap in
// use once idle.
//
//	go test -run '^$' -bench Watch100k -benchtime 1x ./watcher/
func BenchmarkWatch100k(b *testing.B) {
	dir := b.TempDir()
	where := "tmpfs"
	if err := unix.Mount("tmpfs", dir, "tmpfs", 0, "size=512m"); err != nil {
		where = "disk (" + err.Error() + ")"
	} else {
		b.Cleanup(func() { unix.Unmount(dir, unix.MNT_DETACH) })
	}
	const cards, folders, files = 10, 10, 1000
	root := filepath.Join(dir, "ingest")
	for c := 0; c < cards; c++ {
		for f := 0; f < folders; f++ {
			d := filepath.Join(root, fmt.Sprintf("A%03d", c), "CLIPS", fmt.Sprintf("F%02d", f))
			if err := os.MkdirAll(d, 0o755); err != nil {
				b.Fatal(err)
			}
			for i := 0; i < files; i++ {
				if err := os.WriteFile(filepath.Join(d, fmt.Sprintf("C%04d.MP4", i)), []byte("x"), 0o644); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	b.Logf("100,000 files on %s", where)
	for _, known := range []bool{false, true} {
		name := "new"
		if known {
			name = "known"
		}
		b.Run(name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				watch100k(b, root, known, cards*folders*files)
			}
		})
	}
}

func watch100k(b *testing.B, root string, known bool, total int) {
	opts := Options{Roots: []Root{{Path: root}}, Settle: time.Second, Reconcile: -1, PollInterval: time.Hour}
	if known {
		opts.Known = func(context.Context, File) (bool, error) { return true, nil }
	}
	runtime.GC()
	goroutines := runtime.NumGoroutine()
	start := time.Now()
	w := New(opts)
	if err := w.Open(context.Background()); err != nil {
		b.Fatal(err)
	}
	delivered := make(chan int, 1)
	go func() {
		n := 0
		for d := range w.Drops() {
			n += len(d.Files)
		}
		delivered <- n
	}()
	waitFor(b, time.Minute, "first scan", func() bool { return w.Status().Roots[0].Scanned })
	scan := time.Since(start)
	waitFor(b, time.Minute, "everything settled", func() bool {
		st := w.Status()
		return st.Done == total && st.Pending+st.Ready == 0
	})
	settled := time.Since(start)
	rescanStart := time.Now()
	w.Rescan()
	waitFor(b, time.Minute, "rescan", func() bool { return w.Status().Roots[0].LastScan.After(rescanStart) })
	rescan := w.Status().Roots[0].ScanTook

	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	var before, after unix.Rusage
	unix.Getrusage(unix.RUSAGE_SELF, &before)
	time.Sleep(2 * time.Second)
	unix.Getrusage(unix.RUSAGE_SELF, &after)
	idleCPU := time.Duration(after.Utime.Nano()+after.Stime.Nano()-before.Utime.Nano()-before.Stime.Nano()) / 2
	running := runtime.NumGoroutine() - goroutines
	watches := w.Status().Watches

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := w.Close(ctx); err != nil {
		b.Fatal(err)
	}
	n := <-delivered
	if want := total; known {
		want = 0
		if n != want {
			b.Fatalf("delivered %d files, want %d", n, want)
		}
	} else if n != want {
		b.Fatalf("delivered %d files, want %d", n, want)
	}
	b.ReportMetric(scan.Seconds(), "scan-s")
	b.ReportMetric(settled.Seconds(), "settled-s")
	b.ReportMetric(rescan.Seconds(), "rescan-s")
	b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "heap-MB")
	b.ReportMetric(float64(ms.Sys)/(1<<20), "sys-MB")
	b.ReportMetric(float64(idleCPU.Microseconds())/1000, "idle-cpu-ms/s")
	b.ReportMetric(float64(running), "goroutines")
	b.ReportMetric(float64(vmRSS())/(1<<20), "rss-MB")
	b.ReportMetric(float64(watches), "watches")
}

// vmRSS is the process's resident memory in bytes, as /proc/self/status says.
func vmRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}
