package offload

import (
	"context"
	"errors"
	"fmt"
	"github.com/rushes/rushes/checksum"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// copier is a Copier with small blocks, so test files span many of them.
func copier() *Copier { return &Copier{BufSize: 64 << 10} }

// sourceFile writes size random bytes at dir/name with an old mtime and an
// unusual mode, the way a card's file looks, and returns its content.
func sourceFile(t *testing.T, dir, name string, size int) (string, []byte) {
	t.Helper()
	path := filepath.Join(dir, name)
	data := randomBytes(size, int64(len(name)+size))
	writeFile(t, path, data)
	if err := os.Chmod(path, 0o444); err != nil {
		t.Fatal(err)
	}
	old := time.Date(2024, 5, 17, 6, 30, 0, 123456789, time.UTC)
	if err := os.Chtimes(path, old, old); err != nil {
		t.Fatal(err)
	}
	return path, data
}

// assertUnchanged fails unless the source still has its content, mode,
// mtime and atime: a copy only reads it.
func assertUnchanged(t *testing.T, path string, data []byte, before os.FileInfo) {
	t.Helper()
	after, err := os.Stat(path) // before reading it here, which may set its atime
	if err != nil {
		t.Fatal(err)
	}
	assertContent(t, path, data)
	if after.Mode() != before.Mode() || !after.ModTime().Equal(before.ModTime()) {
		t.Errorf("source %s changed: mode %v -> %v, mtime %v -> %v", path, before.Mode(), after.Mode(), before.ModTime(), after.ModTime())
	}
	if a, b := atime(after), atime(before); !a.Equal(b) {
		t.Errorf("source %s atime changed: %v -> %v", path, b, a)
	}
}

func TestCopyOddNamesToTwoDestinationsInOnePass(t *testing.T) {
	names := []string{
		"A001C003 take two.MOV",
		"Szene Über-Straße 日本語 ✓.mov",
		strings.Repeat("a", 196) + ".MOV",
		strings.Repeat("é", 97) + ".MXF",  // 198 bytes, 2 per rune
		strings.Repeat("x", 250) + ".wav", // 254 bytes: the partial name must shrink
		"zero length.xml",
	}
	for _, name := range names {
		t.Run(name[:min(len(name), 24)], func(t *testing.T) {
			root := t.TempDir()
			size := 1<<20 + 12345
			if strings.HasPrefix(name, "zero") {
				size = 0
			}
			src, data := sourceFile(t, filepath.Join(root, "card"), name, size)
			before, _ := os.Stat(src)
			lib := filepath.Join(root, "library", "2024-05-17", "Sc 12", "A", name)
			backup := filepath.Join(root, "backup", "deep", "er", name)
			var progressed int64
			c := copier()
			c.Progress = func(n int64) { progressed += n }

			res, err := c.Copy(context.Background(), src, []string{lib, backup})
			if err != nil {
				t.Fatal(err)
			}
			want, _, _ := HashFile(context.Background(), src, DefaultAlgo)
			if res.Hash != want || res.Size != int64(size) || progressed != int64(size) {
				t.Errorf("result hash %s size %d progress %d, want %s %d %d", res.Hash, res.Size, progressed, want, size, size)
			}
			for i, dst := range []string{lib, backup} {
				r := res.Dests[i]
				if r.Path != dst || r.Renamed || r.AlreadyThere || r.Err != nil {
					t.Errorf("dest %d = %+v, want a plain copy at %s", i, r, dst)
				}
				assertContent(t, dst, data)
				fi, _ := os.Stat(dst)
				if !fi.ModTime().Equal(before.ModTime()) || fi.Mode().Perm() != partialPerm {
					t.Errorf("%s: mtime %v mode %v, want the source's mtime %v and %v", dst, fi.ModTime(), fi.Mode(), before.ModTime(), os.FileMode(partialPerm))
				}
			}
			assertUnchanged(t, src, data, before)
			assertNoPartials(t, root)
		})
	}
}

func TestCopyEveryAlgorithm(t *testing.T) {
	root := t.TempDir()
	src, data := sourceFile(t, root, "clip.mov", 300_000)
	for _, algo := range checksum.Algorithms() {
		dst := filepath.Join(root, algo, "clip.mov")
		res, err := (&Copier{Algo: algo}).Copy(context.Background(), src, []string{dst})
		if err != nil {
			t.Fatalf("%s: %v", algo, err)
		}
		if want, _, _ := HashFile(context.Background(), src, algo); res.Hash != want {
			t.Errorf("%s: hash %s, want %s", algo, res.Hash, want)
		}
		assertContent(t, dst, data)
	}
	if _, err := (&Copier{Algo: "crc"}).Copy(context.Background(), src, []string{filepath.Join(root, "x")}); err == nil {
		t.Error("copy with an unknown hash succeeded")
	}
}

func TestCopyNeverOverwrites(t *testing.T) {
	root := t.TempDir()
	src, data := sourceFile(t, root, "card/C0001.MP4", 500_000)
	lib := filepath.Join(root, "lib", "C0001.MP4")
	other := randomBytes(len(data), 99) // same size, other content
	writeFile(t, lib, other)
	backup := filepath.Join(root, "backup", "C0001.MP4")
	writeFile(t, backup, data) // already copied there by an earlier run

	res, err := copier().Copy(context.Background(), src, []string{lib, backup})
	if err != nil {
		t.Fatal(err)
	}
	renamed := filepath.Join(root, "lib", "C0001_2.MP4")
	if r := res.Dests[0]; r.Path != renamed || !r.Renamed || r.AlreadyThere {
		t.Errorf("library dest = %+v, want renamed to %s", r, renamed)
	}
	if r := res.Dests[1]; r.Path != backup || r.Renamed || !r.AlreadyThere {
		t.Errorf("backup dest = %+v, want already there", r)
	}
	assertContent(t, lib, other)
	assertContent(t, renamed, data)
	assertContent(t, backup, data)

	t.Run("run twice writes nothing", func(t *testing.T) {
		before := listDir(t, root)
		dirTimes := map[string]time.Time{}
		for _, p := range before {
			if fi, _ := os.Stat(p); fi.IsDir() {
				dirTimes[p] = fi.ModTime()
			}
		}
		res, err := copier().Copy(context.Background(), src, []string{lib, backup})
		if err != nil {
			t.Fatal(err)
		}
		for i, want := range []string{renamed, backup} {
			if r := res.Dests[i]; r.Path != want || !r.AlreadyThere {
				t.Errorf("dest %d = %+v, want already there at %s", i, r, want)
			}
		}
		if after := listDir(t, root); strings.Join(after, "\n") != strings.Join(before, "\n") {
			t.Errorf("files changed:\n%v\n->\n%v", before, after)
		}
		for dir, mtime := range dirTimes {
			if fi, _ := os.Stat(dir); !fi.ModTime().Equal(mtime) {
				t.Errorf("folder %s was written to (mtime %v -> %v)", dir, mtime, fi.ModTime())
			}
		}
	})

	t.Run("clash chain", func(t *testing.T) {
		writeFile(t, filepath.Join(root, "lib", "C0001_3.MP4"), []byte("small"))
		src2, data2 := sourceFile(t, root, "card2/C0001.MP4", 1000)
		res, err := copier().Copy(context.Background(), src2, []string{lib})
		if err != nil {
			t.Fatal(err)
		}
		want := filepath.Join(root, "lib", "C0001_4.MP4")
		if r := res.Dests[0]; r.Path != want || !r.Renamed {
			t.Errorf("dest = %+v, want %s", r, want)
		}
		assertContent(t, want, data2)
		assertContent(t, renamed, data)
	})
	assertNoPartials(t, root)
}

func TestCopyDirectoryInTheWayIsSkipped(t *testing.T) {
	root := t.TempDir()
	src, data := sourceFile(t, root, "a.wav", 10)
	dst := filepath.Join(root, "lib", "a.wav")
	if err := os.MkdirAll(dst, 0o755); err != nil {
		t.Fatal(err)
	}
	res, err := copier().Copy(context.Background(), src, []string{dst})
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(root, "lib", "a_2.wav"); res.Dests[0].Path != want {
		t.Errorf("path %s, want %s", res.Dests[0].Path, want)
	}
	assertContent(t, res.Dests[0].Path, data)
}

func TestCopyCancelledMidCopyLeavesNothing(t *testing.T) {
	root := t.TempDir()
	src, data := sourceFile(t, root, "card/big.mov", 4<<20)
	before, _ := os.Stat(src)
	dsts := []string{filepath.Join(root, "lib", "big.mov"), filepath.Join(root, "bak", "big.mov")}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c := copier()
	c.Progress = func(int64) { cancel() }

	res, err := c.Copy(ctx, src, dsts)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	for i, dst := range dsts {
		assertNoFile(t, dst)
		if !errors.Is(res.Dests[i].Err, context.Canceled) {
			t.Errorf("dest %d err = %v", i, res.Dests[i].Err)
		}
	}
	assertNoPartials(t, root)
	assertUnchanged(t, src, data, before)
}

func TestCopySourceChangingMidCopyFails(t *testing.T) {
	tests := []struct {
		name   string
		change func(t *testing.T, src string)
		want   error
	}{
		{"truncated", func(t *testing.T, src string) { check(t, os.Truncate(src, 300_000)) }, ErrSourceChanged},
		{"removed", func(t *testing.T, src string) { check(t, os.Remove(src)) }, ErrSourceGone},
		{"grown", func(t *testing.T, src string) {
			f, err := os.OpenFile(src, os.O_WRONLY|os.O_APPEND, 0)
			check(t, err)
			_, err = f.Write([]byte("more"))
			check(t, err)
			check(t, f.Close())
		}, ErrSourceChanged},
		{"rewritten in place", func(t *testing.T, src string) {
			f, err := os.OpenFile(src, os.O_WRONLY, 0)
			check(t, err)
			_, err = f.WriteAt([]byte("new start"), 0) // already read: only mtime shows it
			check(t, err)
			check(t, f.Close())
		}, ErrSourceChanged},
		{"replaced", func(t *testing.T, src string) {
			check(t, os.Rename(src, src+".old"))
			writeFile(t, src, []byte("other"))
		}, ErrSourceChanged},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			src, _ := sourceFile(t, root, "card/A001.MOV", 1<<20)
			check(t, os.Chmod(src, 0o644))
			dst := filepath.Join(root, "lib", "A001.MOV")
			c := copier()
			once := false
			c.Progress = func(int64) {
				if !once {
					once = true
					tt.change(t, src)
				}
			}
			_, err := c.Copy(context.Background(), src, []string{dst})
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), src) {
				t.Fatalf("err = %v, want %v naming %s", err, tt.want, src)
			}
			assertNoFile(t, dst)
			assertNoPartials(t, root)
		})
	}
}

func TestCopyReadErrorsNameFileAndOffset(t *testing.T) {
	for _, pulled := range []bool{false, true} {
		root := t.TempDir()
		src, _ := sourceFile(t, root, "card/A001.MOV", 1<<20)
		dst := filepath.Join(root, "lib", "A001.MOV")
		c := copier()
		c.readHook = func(off int64) error { // an I/O error the machine cannot make on demand
			if off < 256<<10 {
				return nil
			}
			if pulled {
				os.Remove(src) // the card is gone with the file
			}
			return &os.PathError{Op: "read", Path: src, Err: syscall.EIO}
		}
		_, err := c.Copy(context.Background(), src, []string{dst})
		if err == nil {
			t.Fatal("copy succeeded")
		}
		if pulled != errors.Is(err, ErrSourceGone) || !strings.Contains(err.Error(), src) ||
			!strings.Contains(err.Error(), "at byte 262144") || !errors.Is(err, syscall.EIO) && !pulled {
			t.Errorf("pulled=%v: err = %v", pulled, err)
		}
		assertNoFile(t, dst)
		assertNoPartials(t, root)
	}
}

func TestCopyMissingOrOddSource(t *testing.T) {
	root := t.TempDir()
	dst := filepath.Join(root, "lib", "x")
	_, err := copier().Copy(context.Background(), filepath.Join(root, "gone.mov"), []string{dst})
	if !errors.Is(err, ErrSourceGone) {
		t.Errorf("missing source: err = %v, want ErrSourceGone", err)
	}
	_, err = copier().Copy(context.Background(), root, []string{dst})
	if err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("folder as source: err = %v", err)
	}
	assertNoFile(t, dst)
}

func TestCopyVerifyMismatchIsCaught(t *testing.T) {
	root := t.TempDir()
	src, data := sourceFile(t, root, "card/A001.MOV", 700_000)
	lib := filepath.Join(root, "lib", "A001.MOV")
	backup := filepath.Join(root, "bak", "A001.MOV")
	c := copier()
	c.afterFlush = func(tmp string) { // bit rot between write and read-back
		if filepath.Dir(tmp) != filepath.Dir(backup) {
			return
		}
		f, err := os.OpenFile(tmp, os.O_RDWR, 0)
		check(t, err)
		b := make([]byte, 1)
		_, err = f.ReadAt(b, 4242)
		check(t, err)
		b[0] ^= 0x10
		_, err = f.WriteAt(b, 4242)
		check(t, err)
		check(t, f.Sync())
		check(t, f.Close())
	}
	res, err := c.Copy(context.Background(), src, []string{lib, backup})
	if !errors.Is(err, ErrVerify) || !strings.Contains(err.Error(), backup) || !strings.Contains(err.Error(), "1 of 2") {
		t.Fatalf("err = %v, want ErrVerify naming %s", err, backup)
	}
	if res.Dests[0].Err != nil || !errors.Is(res.Dests[1].Err, ErrVerify) {
		t.Errorf("dests = %+v", res.Dests)
	}
	assertContent(t, lib, data)
	assertNoFile(t, backup)
	assertNoPartials(t, root)
}

func TestCopyNameTooLongIsExplained(t *testing.T) {
	root := t.TempDir()
	src, _ := sourceFile(t, root, "a.mov", 100)
	dst := filepath.Join(root, "lib", strings.Repeat("n", 300)+".mov")
	_, err := copier().Copy(context.Background(), src, []string{dst})
	if !errors.Is(err, syscall.ENAMETOOLONG) || !strings.Contains(err.Error(), dst) || !strings.Contains(err.Error(), "name too long") {
		t.Fatalf("err = %v", err)
	}
	assertNoPartials(t, root)
}

func TestDestErrorMessages(t *testing.T) {
	final := "/lib/2024/Sc 1/A001.MOV"
	tmp := "/lib/2024/Sc 1/.A001.MOV.rushes-partial-0badcafe"
	tests := []struct {
		err  error
		want []string
	}{
		{&os.PathError{Op: "open", Path: tmp, Err: syscall.EACCES}, []string{"create " + final, "permission denied", "/lib/2024/Sc 1)"}},
		{&os.PathError{Op: "open", Path: tmp, Err: syscall.ENAMETOOLONG}, []string{final, "name too long"}},
		{&os.PathError{Op: "open", Path: tmp, Err: syscall.EROFS}, []string{final, "read-only"}},
	}
	for _, tt := range tests {
		msg := destError("create", final, 10, tt.err).Error()
		for _, w := range tt.want {
			if !strings.Contains(msg, w) {
				t.Errorf("%q does not contain %q", msg, w)
			}
		}
		if strings.Contains(msg, "partial") {
			t.Errorf("%q names the temp file", msg)
		}
	}
}

func TestClashName(t *testing.T) {
	tests := []struct{ final, want string }{
		{"/l/A001.MOV", "/l/A001_2.MOV"},
		{"/l/take.tar.gz", "/l/take.tar_2.gz"},
		{"/l/noext", "/l/noext_2"},
		{"/l/.hidden", "/l/.hidden_2"},
	}
	for _, tt := range tests {
		if got := clashName(tt.final, 2); got != tt.want {
			t.Errorf("clashName(%s, 2) = %s, want %s", tt.final, got, tt.want)
		}
		if got := clashName(tt.final, 1); got != tt.final {
			t.Errorf("clashName(%s, 1) = %s", tt.final, got)
		}
	}
}

func TestLinkNoReplaceKeepsExistingFile(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	writeFile(t, a, []byte("new"))
	writeFile(t, b, []byte("old"))
	if err := linkNoReplace(a, b); !errors.Is(err, os.ErrExist) {
		t.Fatalf("err = %v, want ErrExist", err)
	}
	if err := renameNoReplace(a, b); !errors.Is(err, os.ErrExist) {
		t.Fatalf("err = %v, want ErrExist", err)
	}
	assertContent(t, b, []byte("old"))
	c := filepath.Join(dir, "c")
	check(t, linkNoReplace(a, c))
	assertContent(t, c, []byte("new"))
	assertNoFile(t, a)
}

func check(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestCopyOntoItselfChangesNothing(t *testing.T) {
	root := t.TempDir()
	src, data := sourceFile(t, root, "card/A001.MOV", 300_000)
	before, _ := os.Stat(src)
	res, err := copier().Copy(context.Background(), src, []string{src})
	if err != nil {
		t.Fatal(err)
	}
	if r := res.Dests[0]; !r.AlreadyThere || r.Path != src {
		t.Errorf("dest = %+v, want already there", r)
	}
	assertUnchanged(t, src, data, before)
	assertNoPartials(t, root)
}

func TestCopyWithoutDestinationsOnlyHashes(t *testing.T) {
	root := t.TempDir()
	src, _ := sourceFile(t, root, "A001.MOV", 300_000) // several blocks
	res, err := copier().Copy(context.Background(), src, nil)
	want, _, _ := HashFile(context.Background(), src, DefaultAlgo)
	if err != nil || res.Hash != want {
		t.Errorf("Copy(no dests) = %+v, %v; want hash %s", res, err, want)
	}
}

// TestCopyLargeFile spans several write-behind chunks and default blocks.
func TestCopyLargeFile(t *testing.T) {
	if testing.Short() {
		t.Skip("large file")
	}
	root := t.TempDir()
	size := 2*writeBehindChunk + DefaultBufSize + 12345
	src, data := sourceFile(t, root, "card/A001.MOV", size)
	dsts := []string{filepath.Join(root, "lib", "A001.MOV"), filepath.Join(root, "bak", "A001.MOV")}
	res, err := (&Copier{}).Copy(context.Background(), src, dsts)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res.Dests {
		assertContent(t, r.Path, data)
	}
}

// SourceDone comes once per Copy, after the last read of the source and
// before the copies are verified, also when the copy fails.
func TestCopySourceDoneBeforeVerification(t *testing.T) {
	root := t.TempDir()
	src, data := sourceFile(t, root, "card/A002.MOV", 3<<20)
	lib := filepath.Join(root, "lib", "A002.MOV")
	var events []string
	c := copier()
	c.SourceDone = func() { events = append(events, "source done") }
	c.afterFlush = func(string) { events = append(events, "verify") }
	if _, err := c.Copy(context.Background(), src, []string{lib}); err != nil {
		t.Fatal(err)
	}
	assertContent(t, lib, data)
	if strings.Join(events, ", ") != "source done, verify" {
		t.Errorf("events %q; want the source released before the verification", events)
	}
	events = nil
	if _, err := c.Copy(context.Background(), filepath.Join(root, "card", "gone.MOV"), []string{lib + "2"}); err == nil {
		t.Fatal("copied a missing source")
	}
	if len(events) != 1 || events[0] != "source done" {
		t.Errorf("events %q after a failed copy; want one source done", events)
	}
}

// Many copies at once, of every size around the pooled block sizes, twice
// so that the second round runs on buffers the first gave back: each copy
// holds its own source's bytes, so no buffer is shared while in use.
func TestCopyManyAtOnceKeepsEachFileItsOwn(t *testing.T) {
	root := t.TempDir()
	sizes := []int{0, 1, 4095, 4096, 4097, 300 << 10, 1<<20 - 1, 1 << 20, 1<<20 + 1, 3<<20 + 17}
	for round := range 2 {
		var wg sync.WaitGroup
		for i := range 4 * len(sizes) {
			size := sizes[i%len(sizes)]
			src := filepath.Join(root, fmt.Sprintf("card%d/C%03d.MOV", round, i))
			data := randomBytes(size, int64(1000*round+i)) // no two alike
			writeFile(t, src, data)
			wg.Go(func() {
				lib := filepath.Join(root, "lib", filepath.Base(filepath.Dir(src)), filepath.Base(src))
				res, err := (&Copier{}).Copy(context.Background(), src, []string{lib})
				if err != nil {
					t.Error(err)
					return
				}
				assertContent(t, lib, data)
				if sum, _, err := HashFile(context.Background(), lib, DefaultAlgo); err != nil || sum != res.Hash {
					t.Errorf("%s: hash %s %v, copy reported %s", lib, sum, err, res.Hash)
				}
			})
		}
		wg.Wait()
	}
}
