package watcher

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strconv"

	"golang.org/x/sys/unix"
)

// On Linux a writer is found by reading /proc/<pid>/fd of every process: each entry is a
// symbolic link to the open file, and /proc/<pid>/fdinfo/<fd> holds the flags it was opened
// with. The cost is one readlink per open descriptor in the system (a few thousand on a
// workstation: milliseconds), paid once per batch of drops about to be offered, never per
// file.
//
// What it cannot see, and why the settle time still matters:
//   - processes of other users when rushes runs unprivileged, and any process when /proc is
//     mounted with hidepid: their descriptors are skipped;
//   - writers on other machines: a Mac or an editor writing to an SMB or NFS share;
//   - writers in another mount namespace (a container) that name the file by another path;
//   - a copier that closes the file between chunks, or writes through a memory mapping after
//     closing the descriptor.
const (
	canCheckOpen    = true
	openCheckMethod = "/proc scan for writers, then settle time"
)

// openForWriting returns which of the files (keyed by their path with symbolic links resolved)
// some process holds open for writing.
func openForWriting(ctx context.Context, files map[string]*fileState) (map[string]bool, error) {
	procs, err := readNames("/proc")
	if err != nil {
		return nil, fmt.Errorf("list processes: %w", err)
	}
	open := map[string]bool{}
	link := make([]byte, unix.PathMax)
	for _, pid := range procs {
		if !isDigits(pid) {
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		dir := "/proc/" + pid + "/fd/"
		fds, err := readNames(dir)
		if err != nil {
			continue // gone, or not ours to read
		}
		for _, fd := range fds {
			n, err := unix.Readlink(dir+fd, link)
			if err != nil {
				continue
			}
			target := link[:n]
			if _, ok := files[string(target)]; !ok || open[string(target)] {
				continue
			}
			if writing("/proc/" + pid + "/fdinfo/" + fd) {
				open[string(target)] = true
			}
		}
	}
	return open, nil
}

// writing reports whether the descriptor described by an fdinfo file was opened for writing.
// When the flags cannot be read, it counts as writing: the safe side.
func writing(fdinfo string) bool {
	b, err := os.ReadFile(fdinfo)
	if err != nil {
		return !os.IsNotExist(err)
	}
	for line := range bytes.Lines(b) {
		v, ok := bytes.CutPrefix(line, []byte("flags:"))
		if !ok {
			continue
		}
		flags, err := strconv.ParseUint(string(bytes.TrimSpace(v)), 8, 64)
		if err != nil {
			return true
		}
		return flags&unix.O_ACCMODE != unix.O_RDONLY
	}
	return true
}

func readNames(dir string) ([]string, error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return f.Readdirnames(-1)
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
