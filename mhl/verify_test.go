package mhl

import (
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// Verify names a file whose bytes changed, one that is gone, and one that
// no generation records; a moved file recorded as a rename is none of them.
func TestVerifyFindsFlippedByteMissingAndNewFiles(t *testing.T) {
	root := filepath.Join(t.TempDir(), "2026-11-02")
	writeTree(t, root, oddTree)
	paths := slices.Sorted(maps.Keys(oddTree))
	g := Generation{Root: root, Creator: creator(genDate), Entries: append(
		entriesFor(t, root, "xxh128", "", paths...), entriesFor(t, root, "md5", "", "A001/C0001.MP4")...)}
	if _, err := Write(t.Context(), g); err != nil {
		t.Fatal(err)
	}
	if problems, err := Verify(t.Context(), root); err != nil || len(problems) != 0 {
		t.Fatalf("fresh history: %v %v", problems, err)
	}

	flipped := filepath.Join(root, "Sound", "Scène 12 & <b> \"q\".WAV")
	b, err := os.ReadFile(flipped)
	if err != nil {
		t.Fatal(err)
	}
	b[3] ^= 0x01
	if err := os.WriteFile(flipped, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(root, "A001", "C0002 take 2.MP4")); err != nil {
		t.Fatal(err)
	}
	writeTree(t, root, map[string]string{"A001/C0009.MP4": "never recorded", ".DS_Store": "ignored"})
	truncated := filepath.Join(root, "A001", "C0001.MP4")
	if err := os.WriteFile(truncated, []byte("pic"), 0o644); err != nil {
		t.Fatal(err)
	}

	problems, err := Verify(t.Context(), root)
	if err != nil {
		t.Fatal(err)
	}
	byPath := map[string]Problem{}
	for _, p := range problems {
		byPath[p.Path] = p
		t.Log(p)
	}
	if len(problems) != 4 {
		t.Errorf("%d problems, want 4: %v", len(problems), problems)
	}
	want := []struct {
		path string
		kind ProblemKind
	}{
		{"Sound/Scène 12 & <b> \"q\".WAV", ProblemChanged},
		{"A001/C0002 take 2.MP4", ProblemMissing},
		{"A001/C0009.MP4", ProblemNew},
		{"A001/C0001.MP4", ProblemChanged},
	}
	for _, w := range want {
		if p, ok := byPath[w.path]; !ok || p.Kind != w.kind {
			t.Errorf("%s: %+v, want %s", w.path, p, w.kind)
		}
	}
	if p := byPath["Sound/Scène 12 & <b> \"q\".WAV"]; p.Algo != "xxh128" || p.Want == p.Got || len(p.Got) != 32 {
		t.Errorf("changed file: %+v", p)
	}
}

// A generation file altered after the chain recorded it no longer has its
// C4 id.
func TestVerifyFindsAlteredGeneration(t *testing.T) {
	root := filepath.Join(t.TempDir(), "CARD")
	writeTree(t, root, map[string]string{"a": "a"})
	p, err := Write(t.Context(), Generation{Root: root, Creator: creator(genDate), Entries: entriesFor(t, root, "xxh64", "", "a")})
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, append(b, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	problems, err := Verify(t.Context(), root)
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != 1 || problems[0].Kind != ProblemHistory || problems[0].Path != "ascmhl/"+filepath.Base(p) || problems[0].Algo != "c4" {
		t.Errorf("problems %v", problems)
	}
}

func TestVerifyWithoutHistory(t *testing.T) {
	if _, err := Verify(t.Context(), t.TempDir()); !errors.Is(err, ErrNoHistory) {
		t.Errorf("verify of a folder without history: %v", err)
	}
}

// The reference tool's own outputs verify clean.
func TestVerifyReferenceOutputs(t *testing.T) {
	fx := mhlFixtures(t)
	for _, root := range []string{"scenario_01/travel_01/A002R2EC", "scenario_03/travel_01/A002R2EC", "scenario_03/file_server/A002R2EC"} {
		problems, err := Verify(t.Context(), filepath.Join(fx, root))
		if err != nil || len(problems) != 0 {
			t.Errorf("%s: %v %v", root, problems, err)
		}
	}
}

func TestIgnored(t *testing.T) {
	patterns := []string{".DS_Store", "ascmhl", "ascmhl/", "*.tmp", "cache/", "/Proxies/low"}
	for _, c := range []struct {
		path string
		dir  bool
		want bool
	}{
		{".DS_Store", false, true},
		{"A/B/.DS_Store", false, true},
		{"A/ascmhl", true, true},
		{"x.tmp", false, true},
		{"A/cache", true, true},
		{"A/cache", false, false},
		{"Proxies/low", true, true},
		{"A/Proxies/low", true, false},
		{"A/clip.mov", false, false},
	} {
		if got := ignored(c.path, c.dir, patterns); got != c.want {
			t.Errorf("ignored(%q, dir %v) = %v", c.path, c.dir, got)
		}
	}
}
