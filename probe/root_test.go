package probe

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/rushes/rushes/media"
)

// A folder given whole (to ingest, probe, or dropped on a watched root) is
// the probe's root, and its name is a slate like any folder below it: a
// PA's Sc20_T4 dropped whole keeps scene 20 take 4 (a file given alone has
// its folder as root: the same case). Card and roll names stay no slate,
// and folders above the root are not read.
func TestProbeReadsTheRootFoldersSlate(t *testing.T) {
	tests := []struct {
		name        string
		file, root  string // below a temporary folder
		scene, take string
	}{
		{"slate folder dropped whole", "in/Sc20_T4/C0001.MP4", "in/Sc20_T4", "20", "4"},
		{"scene folder with its take folders", "in/Scene 12/Take 3/clip.mov", "in/Scene 12", "12", "3"},
		{"slate folder holding a Sony card", "in/Sc20_T4/PRIVATE/M4ROOT/CLIP/C0001.MP4", "in/Sc20_T4", "20", "4"},
		{"camera roll", "in/A001/A001C001_220315AB_CANON.MXF", "in/A001", "", ""},
		{"sound roll", "in/SOUND_D3/T001.WAV", "in/SOUND_D3", "", ""},
		{"card below a slate folder", "Sc20_T4/CARD1/C0001.MP4", "Sc20_T4/CARD1", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, tt.file)
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte("not media"), 0o644); err != nil {
				t.Fatal(err)
			}
			targets := []Target{{Path: path, Root: filepath.Join(dir, tt.root)}}
			r := (&Prober{Location: time.UTC}).Files(context.Background(), targets, 1)[0]
			if r.Err != nil {
				t.Fatal(r.Err)
			}
			f := r.Facts
			if f.Scene != tt.scene || f.Take != tt.take {
				t.Errorf("%s under %s: scene %q take %q, want %q %q", tt.file, tt.root, f.Scene, f.Take, tt.scene, tt.take)
			}
			if tt.scene != "" && f.Provenance["scene"] != media.FromFolder {
				t.Errorf("scene from %q, want %q", f.Provenance["scene"], media.FromFolder)
			}
		})
	}
}
