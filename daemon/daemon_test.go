package daemon

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rushes/rushes/config"
	"github.com/rushes/rushes/watcher"
)

// A catalog the watcher would find is refused at start, also where the
// configuration cannot see it: on a drive under a volume parent
// (--volumes), or under a root given by hand.
func TestOpenRefusesACatalogInsideAWatchedRoot(t *testing.T) {
	dir := t.TempDir()
	media := filepath.Join(dir, "media", "dit")
	ingest := filepath.Join(dir, "ingest")
	for _, p := range []string{media, ingest} {
		if err := os.MkdirAll(p, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name    string
		catalog string
		wopts   watcher.Options
		root    string
	}{
		{"on a drive under a volume parent", filepath.Join(media, "SSD1", "cat.db"),
			watcher.Options{Roots: []watcher.Root{{Path: ingest}}, VolumeParents: []string{media}}, media},
		{"under a watch root", filepath.Join(ingest, "cat.db"),
			watcher.Options{Roots: []watcher.Root{{Path: ingest}}}, ingest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lib := filepath.Join(dir, "library")
			d := New(Options{Library: lib, Catalog: tt.catalog, Watcher: tt.wopts}, nil)
			err := d.Open(context.Background())
			var ce *config.Error
			if !errors.As(err, &ce) || ce.Key != "catalog" || ce.Value != tt.catalog {
				t.Fatalf("Open: %v, want a config error on key catalog", err)
			}
			for _, w := range []string{tt.catalog, tt.root, "outside every watch root"} {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("message lacks %q: %v", w, err)
				}
			}
			if daemonRunning(lib) {
				t.Error("the refused daemon holds the library's lock")
			}
		})
	}
}
