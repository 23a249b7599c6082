package offload

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestIsPartial(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{partialName("A001.MOV", 0x0f3a9c21), true},
		{".A001.MOV.rushes-partial-0f3a9c21", true},
		{".a b é.wav.rushes-partial-00000000", true},
		{"A001.MOV", false},
		{"A001.MOV.rushes-partial-0f3a9c21", false},   // not hidden
		{".A001.MOV.rushes-partial-0f3a9c2", false},   // short suffix
		{".A001.MOV.rushes-partial-0f3a9c2z", false},  // not hex
		{".A001.MOV.rushes-partial-0F3A9C21", false},  // not ours
		{".A001.MOV.rushes-partial-0f3a9c21x", false}, // longer
		{".rushes-partial-0f3a9c21", false},
	}
	for _, tt := range tests {
		if got := IsPartial(tt.name); got != tt.want {
			t.Errorf("IsPartial(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestPartialNameFitsWhereFinalFits(t *testing.T) {
	for _, base := range []string{"a", strings.Repeat("x", 255), strings.Repeat("日", 85)} {
		name := partialName(base, 0xdeadbeef)
		if len(name) > maxNameBytes || !IsPartial(name) || !strings.HasPrefix(name, "."+base[:1]) {
			t.Errorf("partialName(%d-byte name) = %q (%d bytes)", len(base), name, len(name))
		}
		if !strings.Contains(name, "\ufffd") && !strings.HasSuffix(name, "deadbeef") {
			t.Errorf("partialName mangled %q", name)
		}
	}
}

func TestRemovePartialsClearsOnlyPartials(t *testing.T) {
	root := t.TempDir()
	partials := []string{
		filepath.Join(root, partialName("A001.MOV", 1)),
		filepath.Join(root, "2024-05-17", "Sc 12", "A", partialName("A001C003 ü.MOV", 2)),
	}
	keep := []string{
		filepath.Join(root, "2024-05-17", "Sc 12", "A", "A001C003 ü.MOV"),
		filepath.Join(root, "A001.MOV.rushes-partial-00000001"),
		filepath.Join(root, ".notes.rushes-partial-zzzzzzzz"),
	}
	for _, p := range append(slices.Clone(partials), keep...) {
		writeFile(t, p, []byte("x"))
	}
	outside := t.TempDir()
	writeFile(t, filepath.Join(outside, partialName("X.MOV", 3)), []byte("x"))
	check(t, os.Symlink(outside, filepath.Join(root, "link")))

	removed, err := RemovePartials(context.Background(), root)
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(removed)
	slices.Sort(partials)
	if !slices.Equal(removed, partials) {
		t.Errorf("removed %v, want %v", removed, partials)
	}
	for _, p := range partials {
		assertNoFile(t, p)
	}
	for _, p := range keep {
		assertContent(t, p, []byte("x"))
	}
	assertContent(t, filepath.Join(outside, partialName("X.MOV", 3)), []byte("x"))
	if _, err := RemovePartials(context.Background(), filepath.Join(root, "missing")); err == nil {
		t.Error("RemovePartials of a missing root succeeded")
	}
}
