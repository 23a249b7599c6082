package watcher

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// DefaultVolumeParents returns where desktop Linux mounts removable drives for user: udisks
// uses /run/media/<user> (Fedora, Arch) or /media/<user> (Debian, Ubuntu).
func DefaultVolumeParents(user string) []string {
	if user == "" {
		return []string{"/media"}
	}
	return []string{"/media/" + user, "/run/media/" + user}
}

// mountinfo reads /proc/self/mountinfo. The kernel flags the open file with POLLPRI when the
// mount table changes, so waiting costs nothing; an eventfd wakes the wait at Close.
type mountinfo struct {
	fd, wake int
}

func newMountSource(Options) (mountSource, error) {
	fd, err := unix.Open("/proc/self/mountinfo", unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, fmt.Errorf("open /proc/self/mountinfo: %w", err)
	}
	wake, err := unix.Eventfd(0, unix.EFD_CLOEXEC|unix.EFD_NONBLOCK)
	if err != nil {
		unix.Close(fd)
		return nil, fmt.Errorf("eventfd: %w", err)
	}
	return &mountinfo{fd: fd, wake: wake}, nil
}

func (m *mountinfo) read() ([]mount, error) {
	if _, err := unix.Seek(m.fd, 0, 0); err != nil {
		return nil, fmt.Errorf("read /proc/self/mountinfo: %w", err)
	}
	var buf bytes.Buffer
	chunk := make([]byte, 64<<10)
	for {
		n, err := unix.Read(m.fd, chunk)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("read /proc/self/mountinfo: %w", err)
		}
		if n == 0 {
			break
		}
		buf.Write(chunk[:n])
	}
	return parseMountinfo(buf.Bytes()), nil
}

func (m *mountinfo) wait(ctx context.Context) error {
	woken := make(chan struct{})
	stop := context.AfterFunc(ctx, func() {
		var one [8]byte
		binary.NativeEndian.PutUint64(one[:], 1)
		unix.Write(m.wake, one[:])
		close(woken)
	})
	defer func() {
		if !stop() {
			<-woken // the wake-up write must be over before the eventfd may close
		}
	}()
	fds := []unix.PollFd{{Fd: int32(m.fd), Events: unix.POLLPRI}, {Fd: int32(m.wake), Events: unix.POLLIN}}
	for {
		_, err := unix.Poll(fds, -1)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return fmt.Errorf("wait for mount changes: %w", err)
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if fds[0].Revents&(unix.POLLPRI|unix.POLLERR) != 0 {
			return nil
		}
	}
}

func (m *mountinfo) close() {
	unix.Close(m.fd)
	unix.Close(m.wake)
}

// parseMountinfo reads the mount point (field 5) and the filesystem type (first field after
// the "-" separator) of each line; see proc(5).
func parseMountinfo(b []byte) []mount {
	var ms []mount
	for line := range bytes.Lines(b) {
		f := strings.Fields(string(line))
		sep := -1
		for i := 6; i < len(f); i++ {
			if f[i] == "-" {
				sep = i
				break
			}
		}
		if len(f) < 5 || sep < 0 || sep+1 >= len(f) {
			continue
		}
		ms = append(ms, mount{point: unescapeMount(f[4]), fstype: f[sep+1]})
	}
	return ms
}

// unescapeMount undoes the octal escapes (\040 for a space) the kernel puts in mount paths.
func unescapeMount(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+4 <= len(s) {
			if n, err := strconv.ParseUint(s[i+1:i+4], 8, 8); err == nil {
				b.WriteByte(byte(n))
				i += 3
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
