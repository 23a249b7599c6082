package offload

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The preflight primitives answer for a destination not made yet from its
// nearest existing folder, and name a file standing in the way.
func TestPreflightOnFoldersNotMadeYet(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	later := filepath.Join(dir, "backup", "PROJECT")
	tests := []struct {
		name, dir string
		wantErr   string // "" for no error
	}{
		{"an existing folder", dir, ""},
		{"a folder not made yet", later, ""},
		{"a file in the way", filepath.Join(file, "sub"), "not a directory"},
		{"a file given as the folder", file, "is a file, not a folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			check := func(what string, err error) {
				t.Helper()
				switch {
				case tt.wantErr == "" && err != nil && !errors.Is(err, ErrSpaceUnknown):
					t.Errorf("%s(%s): %v", what, tt.dir, err)
				case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), tt.dir)):
					t.Errorf("%s(%s) = %v, want an error naming it with %q", what, tt.dir, err, tt.wantErr)
				}
			}
			n, err := FreeSpace(tt.dir)
			check("FreeSpace", err)
			if tt.wantErr == "" && err == nil && n <= 0 {
				t.Errorf("FreeSpace(%s) = %d on a working disk", tt.dir, n)
			}
			check("CheckWritable", CheckWritable(tt.dir))
			same, err := SameDevice(tt.dir, dir)
			check("SameDevice", err)
			if tt.wantErr == "" && err == nil && !same {
				t.Errorf("SameDevice(%s, %s) = false for two folders of one temp dir", tt.dir, dir)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "backup")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the preflight made the destination it checked (%v)", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("CheckWritable left files behind in %s: %v", dir, entries)
	}
}

// A probe file left by a crash between CheckWritable's create and remove
// is a partial file, which RemovePartials clears at the next start.
func TestCheckWritableProbeIsAPartial(t *testing.T) {
	if name := partialName(writableProbe, 0x0f3a9c21); !IsPartial(name) {
		t.Errorf("CheckWritable's probe %s is not a partial file name", name)
	}
}
