package pipeline

import (
	"context"
	"github.com/rushes/rushes/mhl"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/rushes/rushes/catalog"
	"github.com/rushes/rushes/media"
)

func sharedFixture(t *testing.T, rel string) []byte {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	b, err := os.ReadFile(filepath.Join(filepath.Dir(file), "..", "..", "shared", "fixtures", rel))
	if err != nil {
		t.Skipf("fixture %s: %v", rel, err)
	}
	return b
}

// cards writes a picture card (an ARRI-named MOV with timecode 12:40:00:00
// at 23.976, 3 s, shot 2018-12-31; see testdata/README.md) and a sound card
// (the Sound Devices takes A101_1, rolling 12:39:59:00 for 5 s, and A101_3).
func (fx *fixture) cards() (picture, sound string) {
	mov, err := os.ReadFile("testdata/A002C004_181231_R1AB.mov")
	if err != nil {
		fx.t.Fatal(err)
	}
	fx.file("A002R1AB/A002C004_181231_R1AB.mov", mov)
	fx.file("SOUND/A101_1.WAV", sharedFixture(fx.t, "sound/sounddevices/A101_1.WAV"))
	fx.file("SOUND/A101_3.WAV", sharedFixture(fx.t, "sound/sounddevices/A101_3.WAV"))
	return filepath.Join(fx.dir, "A002R1AB"), filepath.Join(fx.dir, "SOUND")
}

func (fx *fixture) picture() catalog.Clip {
	fx.t.Helper()
	clips, err := fx.cat.Clips(context.Background(), catalog.Filter{Kind: "video"})
	if err != nil || len(clips) != 1 {
		fx.t.Fatalf("%d picture clips, %v", len(clips), err)
	}
	return clips[0]
}

func TestTimecodeMatchPictureFirstThenSound(t *testing.T) {
	fx := newFixture(t)
	picture, sound := fx.cards()
	fx.run(fx.options(), picture)
	before := fx.picture()
	if before.Scene != "" || filepath.Dir(before.LibraryPath) != filepath.Join(fx.lib, "2018-12-31", "unsorted", "A") {
		t.Fatalf("picture alone: scene %q at %s", before.Scene, before.LibraryPath)
	}
	s := fx.run(fx.options(), sound)
	if len(s.Moved) != 1 {
		t.Errorf("moved %v, want the picture clip", s.Moved)
	}
	after := fx.picture()
	want := filepath.Join(fx.lib, "2018-12-31", "A101", "A", "A002C004_181231_R1AB.mov")
	if after.Scene != "A101" || after.Take != "1" || after.LibraryPath != want {
		t.Errorf("after sound: scene %q take %q at %s, want A101 1 at %s", after.Scene, after.Take, after.LibraryPath, want)
	}
	if after.Provenance["scene"] != media.FromTimecodeMatch || after.Provenance["scene_from_clip"] == "" {
		t.Errorf("provenance %v: want timecode-match naming the sound clip", after.Provenance)
	}
	if _, err := os.Stat(before.LibraryPath); !os.IsNotExist(err) {
		t.Errorf("old place still there (%v)", err)
	}
	if b, err := os.ReadFile(want); err != nil || len(b) != int(after.SizeBytes) {
		t.Errorf("moved file: %v", err)
	}
	// Ingesting everything again moves and copies nothing.
	if s := fx.run(fx.options(), picture, sound); len(s.Moved) != 0 || s.Copied != 0 {
		t.Errorf("third run: %+v", s)
	}
}

func TestTimecodeMatchSoundFirst(t *testing.T) {
	fx := newFixture(t)
	picture, sound := fx.cards()
	fx.run(fx.options(), sound)
	fx.run(fx.options(), picture)
	if c := fx.picture(); c.Scene != "A101" || filepath.Base(filepath.Dir(filepath.Dir(c.LibraryPath))) != "A101" {
		t.Errorf("sound first: scene %q at %s", c.Scene, c.LibraryPath)
	}
}

// A relocation cut short between the journal and the catalog update is
// finished by the next run.
func TestInterruptedRelocationIsFinished(t *testing.T) {
	fx := newFixture(t)
	picture, _ := fx.cards()
	fx.run(fx.options(), picture)
	c := fx.picture()
	to := filepath.Join(fx.lib, "2018-12-31", "47B", "A", filepath.Base(c.LibraryPath))
	r := catalog.Relocation{ClipID: c.ID, Scene: "47B", Take: "2", Provenance: map[string]string{"scene": "manual"},
		Moves: []catalog.Move{{From: c.LibraryPath, To: to}}}
	if err := fx.cat.BeginRelocation(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	if err := moveFiles(r.Moves); err != nil { // renamed, then "killed" before the catalog update
		t.Fatal(err)
	}
	fx.run(fx.options(), picture)
	if c := fx.picture(); c.LibraryPath != to || c.Scene != "47B" {
		t.Errorf("after recovery: %s scene %q", c.LibraryPath, c.Scene)
	}
	if p, _ := fx.cat.PendingRelocations(context.Background()); len(p) != 0 {
		t.Errorf("pending relocations left: %+v", p)
	}
}

// Every ingest leaves an ASC MHL history that verifies, renames included,
// and validates against the ASC MHL schema.
func TestManifestsVerifyAfterIngestAndMove(t *testing.T) {
	fx := newFixture(t)
	picture, sound := fx.cards()
	opts := fx.options()
	opts.Backups = []string{filepath.Join(fx.dir, "shuttle")}
	s1 := fx.run(opts, picture)
	s2 := fx.run(opts, sound)
	if len(s1.Manifest) != 2 || len(s2.Manifest) != 2 || len(s2.Moved) != 1 {
		t.Fatalf("manifests %v %v, moved %v", s1.Manifest, s2.Manifest, s2.Moved)
	}
	for _, root := range []string{fx.lib, opts.Backups[0]} {
		problems, err := mhl.Verify(context.Background(), root)
		if err != nil || len(problems) != 0 {
			t.Errorf("verify %s: %v %+v", root, err, problems)
		}
	}
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("CI_REQUIRE_TOOLS") != "" {
			t.Fatal("xmllint not installed")
		}
		t.Skip("xmllint not installed")
	}
	xsd := filepath.Join(sharedPath(t), "mhl", "xsd", "ASCMHL.xsd")
	for _, m := range append(s1.Manifest, s2.Manifest...) {
		if out, err := exec.Command(xmllint, "--noout", "--schema", xsd, m).CombinedOutput(); err != nil {
			t.Errorf("%s does not validate: %v\n%s", m, err, out)
		}
	}
}

func sharedPath(t *testing.T) string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "shared", "fixtures")
}
