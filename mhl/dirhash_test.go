package mhl

import (
	"os"
	"path/filepath"
	"testing"
)

// The reference tool's log of scenario 01 gives the directory hashes of
// Clips and of the card root, in xxh64, computed from the fixture's bytes.
func TestDirHashesMatchReference(t *testing.T) {
	card := filepath.Join(mhlFixtures(t), "scenario_01", "travel_01", "A002R2EC")
	files := map[string]string{}
	for _, p := range []string{"Clips/A002C006_141024_R2EC.mov", "Clips/A002C007_141024_R2EC.mov", "Sidecar.txt"} {
		sums, err := hashFile(t.Context(), filepath.Join(card, filepath.FromSlash(p)), []Entry{{Algo: "xxh64"}})
		if err != nil {
			t.Fatal(err)
		}
		files[p] = sums[0]
	}
	if files["Sidecar.txt"] != "3ab5a4166b9bde44" {
		t.Fatalf("Sidecar.txt xxh64 %s", files["Sidecar.txt"])
	}
	dirs, err := DirHashes("xxh64", files)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]string{
		".":     {"8d02114c32e28cbe", "f557f8ca8e5a88ef"},
		"Clips": {"4c226b42e27d7af3", "906faa843d591a9f"},
	}
	if len(dirs) != len(want) {
		t.Fatalf("directory hashes %+v", dirs)
	}
	for _, d := range dirs {
		if w := want[d.Path]; d.Content != w[0] || d.Structure != w[1] {
			t.Errorf("%s: content %s structure %s, want %s %s", d.Path, d.Content, d.Structure, w[0], w[1])
		}
	}

	// The Clips folder on its own, as the brief's check states it.
	clips := map[string]string{}
	for _, name := range []string{"A002C006_141024_R2EC.mov", "A002C007_141024_R2EC.mov"} {
		b, err := os.ReadFile(filepath.Join(card, "Clips", name))
		if err != nil {
			t.Fatal(err)
		}
		sum, _ := sumOf("xxh64", b)
		clips[name] = encodeSum("xxh64", sum)
	}
	dirs, err = DirHashes("xxh64", clips)
	if err != nil || len(dirs) != 1 || dirs[0].Content != "4c226b42e27d7af3" || dirs[0].Structure != "906faa843d591a9f" {
		t.Errorf("Clips alone: %+v %v", dirs, err)
	}
}

// Scenario 03's second generation records md5 directory hashes.
func TestDirHashesMD5(t *testing.T) {
	card := filepath.Join(mhlFixtures(t), "scenario_03", "file_server", "A002R2EC")
	files := map[string]string{}
	for _, p := range []string{"Clips/A002C006_141024_R2EC.mov", "Clips/A002C007_141024_R2EC.mov", "Sidecar.txt"} {
		sums, err := hashFile(t.Context(), filepath.Join(card, filepath.FromSlash(p)), []Entry{{Algo: "md5"}})
		if err != nil {
			t.Fatal(err)
		}
		files[p] = sums[0]
	}
	dirs, err := DirHashes("md5", files)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]string{
		".":     {"6fae2da9bc6dca45486cb91bfea6db70", "be1f2eaed208efbed061845a64cacdfa"},
		"Clips": {"202a2d71b56b080d9b089c1f4f29a4ba", "4a739024fd19d928e9dea6bb5c480200"},
	}
	for _, d := range dirs {
		if w := want[d.Path]; d.Content != w[0] || d.Structure != w[1] {
			t.Errorf("%s: content %s structure %s, want %s %s", d.Path, d.Content, d.Structure, w[0], w[1])
		}
	}
}

func TestDirHashesRejectsFileAndFolderAtOnePath(t *testing.T) {
	_, err := DirHashes("xxh64", map[string]string{"a": "0000000000000000", "a/b": "0000000000000000"})
	if err == nil {
		t.Error("a file and a folder at one path accepted")
	}
}

// A clash leaves the tree as it was: no empty folder appears to change the
// directory hashes.
func TestTreeAddChangesNothingOnClash(t *testing.T) {
	tree := newDir("")
	if _, err := tree.add("a"); err != nil {
		t.Fatal(err)
	}
	if _, err := tree.add("b/c"); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"a/x/y", "a", "b/c/d", "b"} {
		if _, err := tree.add(p); err == nil {
			t.Errorf("add %s accepted", p)
		}
	}
	if len(tree.children) != 2 || tree.children["a"].isDir() || len(tree.children["b"].children) != 1 {
		t.Errorf("tree changed by failed adds: %+v", tree.children)
	}
}
