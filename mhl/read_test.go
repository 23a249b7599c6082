package mhl

import (
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// ReadHistory parses the reference tool's output, and the directory hashes
// it recorded are what DirHashes computes from the file hashes it recorded.
func TestReadReferenceHistory(t *testing.T) {
	root := filepath.Join(mhlFixtures(t), "scenario_03", "file_server", "A002R2EC")
	h, err := ReadHistory(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Generations) != 2 || len(h.Chain) != 2 || len(h.Files) != 3 {
		t.Fatalf("%d generations, %d chain links, %d files", len(h.Generations), len(h.Chain), len(h.Files))
	}
	g1, g2 := h.Generations[0], h.Generations[1]
	if g1.Number != 1 || g1.Name != "0001_A002R2EC_2020-01-16_091500Z.mhl" || g1.Process != ProcessInPlace ||
		g1.Creator.Tool != "ascmhl.py" || g1.Creator.Version != "0.3 alpha" || g1.Creator.Hostname != "myHost.local" ||
		!g1.Creator.Date.Equal(time.Date(2020, 1, 16, 9, 15, 0, 0, time.UTC)) {
		t.Errorf("generation 1: %+v", g1)
	}
	f, ok := h.File("Clips/A002C007_141024_R2EC.mov")
	if !ok || f.Size != 4 || f.Generation != 2 || len(f.Hashes) != 2 ||
		f.Hashes[0].Algo != "md5" || f.Hashes[0].Hash != "614dd0e977becb4c6f7fa99e64549b12" || f.Hashes[0].Action != ActionVerified ||
		f.Hashes[1].Algo != "xxh64" || f.Hashes[1].Hash != "7680e5f98f4a80fd" ||
		!f.ModTime.Equal(time.Date(2020, 1, 15, 13, 0, 0, 0, time.UTC)) {
		t.Errorf("A002C007: %+v", f)
	}
	for _, c := range []struct {
		gen  HashList
		algo string
	}{{g1, "xxh64"}, {g2, "md5"}} {
		files := map[string]string{}
		for _, e := range c.gen.Entries {
			if e.Algo == c.algo {
				files[e.Path] = e.Hash
			}
		}
		want, err := DirHashes(c.algo, files)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]DirHash{}
		for _, d := range c.gen.Dirs {
			got[d.Path] = d
		}
		if len(got) != 2 || len(want) != 2 {
			t.Fatalf("generation %d: directory hashes %v, computed %v", c.gen.Number, c.gen.Dirs, want)
		}
		for _, w := range want {
			if g := got[w.Path]; g.Content != w.Content || g.Structure != w.Structure || g.Algo != c.algo {
				t.Errorf("generation %d %s: recorded %+v, computed %+v", c.gen.Number, w.Path, g, w)
			}
		}
	}
}

func TestReadHistoryRejectsHostileFiles(t *testing.T) {
	for name, body := range map[string]string{
		"escaping path": `<hashlist version="2.0" xmlns="urn:ASC:MHL:v2.0"><creatorinfo><creationdate>2020-01-16T09:15:00+00:00</creationdate><hostname>h</hostname><tool version="1">t</tool></creatorinfo><processinfo><process>in-place</process></processinfo><hashes><hash><path size="1">../../etc/passwd</path><xxh64 action="original">0ea03b369a463d9d</xxh64></hash></hashes></hashlist>`,
		"bad hash":      `<hashlist version="2.0" xmlns="urn:ASC:MHL:v2.0"><creatorinfo><creationdate>2020-01-16T09:15:00+00:00</creationdate><hostname>h</hostname><tool version="1">t</tool></creatorinfo><processinfo><process>in-place</process></processinfo><hashes><hash><path size="1">a</path><xxh64 action="original">zz</xxh64></hash></hashes></hashlist>`,
		"other format":  `<hashlist version="1.1"><hash><file>a</file></hash></hashlist>`,
		"not xml":       `abcd`,
	} {
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			dir := filepath.Join(root, "ascmhl")
			if err := os.Mkdir(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "0001_x_2020-01-16_091500Z.mhl"), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
			if _, err := ReadHistory(root); err == nil {
				t.Error("accepted")
			}
		})
	}
}

// Where the reference ascmhl tool is installed, it verifies what Write
// wrote. (It comes from PyPI, which this project's machines cannot reach,
// so it is never required.)
func TestReferenceToolVerifiesWrittenHistory(t *testing.T) {
	ascmhl, err := exec.LookPath("ascmhl")
	if err != nil {
		t.Skip("ascmhl (the reference tool) not installed")
	}
	root := filepath.Join(t.TempDir(), "2026-11-02")
	writeTree(t, root, oddTree)
	g := Generation{Root: root, Creator: creator(genDate), Process: ProcessTransfer,
		Entries: entriesFor(t, root, "xxh64", "", slices.Sorted(maps.Keys(oddTree))...)}
	if _, err := Write(t.Context(), g); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"verify", root}, {"verify", "-dh", root}} {
		if out, err := exec.Command(ascmhl, args...).CombinedOutput(); err != nil {
			t.Errorf("ascmhl %v: %v\n%s", args, err, out)
		}
	}
}
