package pipeline

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tree lists a destination's files (relative path -> bytes), leaving out
// the catalog's folder and the ASC MHL history, which differ by design.
func tree(t *testing.T, root string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if d.IsDir() && (rel == ".rushes" || rel == "ascmhl") {
			return fs.SkipDir
		}
		if d.Type().IsRegular() {
			b, _ := os.ReadFile(p)
			out[filepath.ToSlash(rel)] = b
		}
		return nil
	})
	return out
}

func sameTree(t *testing.T, a, b string) {
	t.Helper()
	ta, tb := tree(t, a), tree(t, b)
	for rel, x := range ta {
		if y, ok := tb[rel]; !ok || !bytes.Equal(x, y) {
			t.Errorf("%s holds %s, %s does not hold the same", a, rel, b)
		}
	}
	for rel := range tb {
		if _, ok := ta[rel]; !ok {
			t.Errorf("%s holds %s, %s does not", b, rel, a)
		}
	}
}

// A picture card whose sound is catalogued already is placed in its scene
// before a byte is copied: the dry run shows that place, the run copies it
// there directly (no move), and the backup holds no unsorted copy.
func TestPictureWhoseSoundIsCataloguedIsPlacedOnce(t *testing.T) {
	fx := newFixture(t)
	picture, sound := fx.cards()
	opts := fx.options()
	opts.Backups = []string{filepath.Join(fx.dir, "shuttle")}
	fx.run(opts, sound)
	dry := opts
	dry.DryRun = true
	plan := fx.run(dry, picture)
	if len(plan.Plan) != 1 {
		t.Fatalf("plan %+v", plan.Plan)
	}
	planned := plan.Plan[0].Files[0].Dest
	s := fx.run(opts, picture)
	if len(s.Moved) != 0 {
		t.Errorf("moved %v: the clip was placed twice", s.Moved)
	}
	got := fx.picture().LibraryPath
	if got != planned || !strings.Contains(got, string(filepath.Separator)+"A101"+string(filepath.Separator)) {
		t.Errorf("dry run planned %s, the run put it at %s; want both in scene A101", planned, got)
	}
	sameTree(t, fx.lib, opts.Backups[0])
	for _, root := range []string{fx.lib, opts.Backups[0]} {
		referenceTool(t, root)
	}
}

// Picture and sound in one drop: the picture lands in its scene at once.
func TestPictureAndSoundTogetherArePlacedOnce(t *testing.T) {
	fx := newFixture(t)
	picture, sound := fx.cards()
	s := fx.run(fx.options(), picture, sound)
	if len(s.Moved) != 0 {
		t.Errorf("moved %v: the clip was placed twice", s.Moved)
	}
	if c := fx.picture(); c.Scene != "A101" {
		t.Errorf("scene %q at %s, want A101", c.Scene, c.LibraryPath)
	}
}

// A sound card that settles a picture clip already in the library moves it
// on every destination, and each destination's history says so.
func TestLaterSoundMovesThePictureOnEveryDestination(t *testing.T) {
	fx := newFixture(t)
	picture, sound := fx.cards()
	opts := fx.options()
	opts.Backups = []string{filepath.Join(fx.dir, "shuttle")}
	fx.run(opts, picture)
	if s := fx.run(opts, sound); len(s.Moved) != 1 {
		t.Fatalf("moved %v, want the picture clip", s.Moved)
	}
	sameTree(t, fx.lib, opts.Backups[0])
	for _, root := range []string{fx.lib, opts.Backups[0]} {
		referenceTool(t, root)
	}
}
