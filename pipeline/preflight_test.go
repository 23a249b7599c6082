package pipeline

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// A destination that cannot be written refuses the whole run before a byte
// is copied, naming it.
func TestPreflightRefusesAnUnwritableDestination(t *testing.T) {
	fx := newFixture(t)
	fx.file("card/A001C001.MOV", []byte("picture"))
	opts := fx.options()
	bad := fx.file("not-a-folder", []byte("x"))
	opts.Backups = []string{bad}
	_, err := New(opts, fx.cat, nil, nil).Run(context.Background(), []string{filepath.Join(fx.dir, "card")})
	if err == nil || !strings.Contains(err.Error(), bad) {
		t.Fatalf("err %v, want a refusal naming %s", err, bad)
	}
	if clips, files, _ := fx.cat.Counts(context.Background()); clips != 0 || files != 0 {
		t.Errorf("catalog holds %d clips, %d files after a refused run", clips, files)
	}
	if _, err := os.Stat(filepath.Join(fx.lib, "2026")); err == nil {
		t.Error("the refused run copied into the library")
	}
}

// A backup without room for the whole card refuses the run with the
// shortfall for the whole card, not one file's, and copies nothing.
func TestPreflightRefusesACardThatDoesNotFit(t *testing.T) {
	fx := newFixture(t)
	small := filepath.Join(fx.dir, "small")
	os.MkdirAll(small, 0o755)
	if err := unix.Mount("tmpfs", small, "tmpfs", 0, "size=1m"); err != nil {
		t.Skipf("cannot mount a small tmpfs here: %v", err)
	}
	t.Cleanup(func() { unix.Unmount(small, unix.MNT_DETACH) })
	for _, n := range []string{"A001C001.MOV", "A001C002.MOV", "A001C003.MOV"} {
		fx.file("card/"+n, make([]byte, 600<<10)) // each fits alone, the card does not
	}
	opts := fx.options()
	opts.Backups = []string{filepath.Join(small, "shuttle")}
	_, err := New(opts, fx.cat, nil, nil).Run(context.Background(), []string{filepath.Join(fx.dir, "card")})
	if !errors.Is(err, ErrNoRoom) || !strings.Contains(err.Error(), small) || !strings.Contains(err.Error(), "short by") || !strings.Contains(err.Error(), "3 files") {
		t.Fatalf("err %v, want ErrNoRoom naming %s, the 3 files and the shortfall", err, small)
	}
	if entries, _ := os.ReadDir(fx.lib); len(entries) > 1 { // .rushes only
		t.Errorf("the refused run wrote into the library: %v", entries)
	}
}
