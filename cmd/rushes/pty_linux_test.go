package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rivo/uniseg"
	"golang.org/x/sys/unix"
)

// openPTY opens a pseudo-terminal cols wide: the terminal side, as rushes'
// stdout, and the side that reads what rushes printed.
func openPTY(t *testing.T, cols int) (tty, reader *os.File) {
	t.Helper()
	master, err := os.OpenFile("/dev/ptmx", os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	t.Cleanup(func() { master.Close() })
	if err := unix.IoctlSetPointerInt(int(master.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Fatal(err)
	}
	n, err := unix.IoctlGetInt(int(master.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Fatal(err)
	}
	tty, err = os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tty.Close() })
	if err := unix.IoctlSetWinsize(int(tty.Fd()), unix.TIOCSWINSZ, &unix.Winsize{Row: 40, Col: uint16(cols)}); err != nil {
		t.Fatal(err)
	}
	// Raw mode: no echo, no \n to \r\n, so what is read is what was written.
	tio, err := unix.IoctlGetTermios(int(tty.Fd()), unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}
	tio.Oflag &^= unix.OPOST
	tio.Lflag &^= unix.ECHO | unix.ICANON
	if err := unix.IoctlSetTermios(int(tty.Fd()), unix.TCSETS, tio); err != nil {
		t.Fatal(err)
	}
	return tty, master
}

// runOnTTY runs rushes with its stdout on a terminal cols wide and returns
// what the terminal received.
func runOnTTY(t *testing.T, e *env, cols int, args ...string) string {
	t.Helper()
	tty, master := openPTY(t, cols)
	got := make(chan string)
	go func() {
		var b bytes.Buffer
		io.Copy(&b, master) // until the terminal side closes (EIO)
		got <- b.String()
	}()
	var errb bytes.Buffer
	code := run(context.Background(), append(args, "--library", e.lib), strings.NewReader(""), tty, &errb)
	tty.Close()
	out := <-got
	if code != 0 {
		t.Fatalf("rushes %v: exit %d, %s", args, code, errb.String())
	}
	return out
}

func TestTablesFitTheTerminalAndPathsAreEscapedOnIt(t *testing.T) {
	e := newEnv(t)
	e.lib = filepath.Join(e.dir, "library\u202e") // every library path holds a bidi override
	card := filepath.Join(e.dir, "card", "A_VERY_LONG_CARD_FOLDER_NAME_FROM_A_CAMERA_BODY")
	writeFile(t, card, "SOUND/"+hostileName, hostileWAV())
	writeFile(t, card, "A001C001_261102_R1AB_WITH_A_LONG_SUFFIX.MOV", []byte("frames"))
	if _, stderr, code := e.run("ingest", filepath.Dir(card)); code != 0 {
		t.Fatal(stderr)
	}
	const cols = 120
	out := runOnTTY(t, e, cols, "clips")
	t.Logf("clips on a %d-column terminal:\n%s", cols, out)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "ID") || !strings.Contains(out, "…") || !strings.Contains(out, "2026-11-02") {
		t.Fatalf("clips on an %d-column terminal:\n%s", cols, out)
	}
	for _, l := range lines {
		if w := uniseg.StringWidth(l); w > cols {
			t.Errorf("line %d wide on a %d-column terminal: %q", w, cols, l)
		}
	}
	if r, bad := rawHostile(out); bad {
		t.Errorf("raw %U on the terminal:\n%q", r, out)
	}
	out = runOnTTY(t, e, cols, "clips", "--format", "paths", "--kind", "audio")
	if r, bad := rawHostile(out); bad || !strings.Contains(out, `library\u202e`) || strings.Contains(out, "…") || strings.Count(out, "\n") != 1 {
		t.Errorf("--format paths on a terminal: raw %U, or not escaped, or cut, or more than one line: %q", r, out)
	}
	piped, _, _ := e.run("clips", "--format", "paths", "--kind", "audio")
	if !strings.HasPrefix(piped, e.lib+"/") {
		t.Errorf("--format paths piped is not the exact path: %q", piped)
	}
}
