package mhl

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

var genDate = time.Date(2026, 11, 2, 18, 4, 5, 0, time.UTC)

// oddTree has nested folders and names that test XML escaping and UTF-8.
var oddTree = map[string]string{
	"A001/C0001.MP4":                   "picture one",
	"A001/C0002 take 2.MP4":            "picture two",
	"Sound/Scène 12 & <b> \"q\".WAV":   "sound with an odd name",
	"Sound/sub/deep/Ton 'é' > 1.wav":   "deep",
	"Sound/sub/日本語 ファイル.wav":           "non-ascii",
	"top & tail.txt":                   "top",
	"odd/  leading and trailing  .txt": "spaces",
	"odd/line\nbreak\tand tab\r.txt":   "control characters XML can carry",
}

func creator(d time.Time) CreatorInfo {
	return CreatorInfo{Version: "1.2.3", Hostname: "test-host", Date: d}
}

// fullCreator fills every optional field of the creator info.
func fullCreator(d time.Time) CreatorInfo {
	c := creator(d)
	c.Authors = []Author{{Name: "Dana <DIT>", Email: "dana@example.com", Phone: "+1 555 0100", Role: "DIT"}, {Name: "Loader"}}
	c.Location = "Stage 3 & backlot"
	c.Comment = "day 12, card A001"
	return c
}

func TestWriteReadRoundTrip(t *testing.T) {
	xmllint := ""
	root := filepath.Join(t.TempDir(), "2026-11-02")
	writeTree(t, root, oddTree)
	paths := slices.Sorted(maps.Keys(oddTree))
	g1 := Generation{Root: root, Entries: entriesFor(t, root, "xxh128", ActionOriginal, paths...),
		Creator: fullCreator(genDate), Process: ProcessTransfer, Ignore: []string{".rushes/"}}
	p1, err := Write(t.Context(), g1)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(root, "ascmhl", "0001_2026-11-02_2026-11-02_180405Z.mhl"); p1 != want {
		t.Errorf("first generation at %s, want %s", p1, want)
	}

	h, err := ReadHistory(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Generations) != 1 || len(h.Files) != len(oddTree) {
		t.Fatalf("read back %d generations, %d files", len(h.Generations), len(h.Files))
	}
	sums := map[string]string{}
	for _, e := range g1.Entries {
		f, ok := h.File(e.Path)
		if !ok || len(f.Hashes) != 1 || f.Hashes[0].Hash != e.Hash || f.Size != e.Size || !f.ModTime.Equal(e.ModTime) ||
			f.Hashes[0].Action != ActionOriginal || !f.Hashes[0].HashDate.Equal(genDate) {
			t.Errorf("%q read back as %+v", e.Path, f)
		}
		sums[e.Path] = e.Hash
	}
	gen := h.Generations[0]
	wantCreator := fullCreator(genDate)
	wantCreator.Tool = "rushes"
	if gen.Process != ProcessTransfer || !reflect.DeepEqual(gen.Creator, wantCreator) {
		t.Errorf("generation header %+v %q, want %+v", gen.Creator, gen.Process, wantCreator)
	}
	if want := []string{".DS_Store", "ascmhl", "ascmhl/", ".rushes/"}; !slices.Equal(gen.Ignore, want) {
		t.Errorf("ignore %q, want %q", gen.Ignore, want)
	}
	checkDirHashes(t, gen, "xxh128", sums, []string{".", "A001", "Sound", "Sound/sub", "Sound/sub/deep", "odd"})

	// A second ingest: a new clip, a re-verified one, and a file moved.
	writeTree(t, root, map[string]string{"A001/C0003.MP4": "picture three"})
	if err := os.MkdirAll(filepath.Join(root, "misc"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(root, "top & tail.txt"), filepath.Join(root, "misc", "top renamed <1>.txt")); err != nil {
		t.Fatal(err)
	}
	g2 := Generation{Root: root, Creator: creator(genDate.Add(time.Hour)), Process: ProcessTransfer,
		Entries: append(entriesFor(t, root, "xxh128", ActionOriginal, "A001/C0003.MP4"),
			entriesFor(t, root, "xxh128", ActionVerified, "A001/C0001.MP4")...),
		Renames: []Rename{{From: "top & tail.txt", To: "misc/top renamed <1>.txt"}}}
	p2, err := Write(t.Context(), g2)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(filepath.Base(p2), "0002_2026-11-02_2026-11-02_190405Z") {
		t.Errorf("second generation %s", p2)
	}
	h, err = ReadHistory(root)
	if err != nil {
		t.Fatal(err)
	}
	checkChain(t, root, h, 2)
	gen = h.Generations[1]
	if want := []Rename{{From: "top & tail.txt", To: "misc/top renamed <1>.txt"}}; !slices.Equal(gen.Renames, want) {
		t.Errorf("renames %v, want %v", gen.Renames, want)
	}
	if _, ok := h.File("top & tail.txt"); ok {
		t.Error("the old path of a moved file is still current")
	}
	moved, ok := h.File("misc/top renamed <1>.txt")
	if !ok || moved.Hashes[0].Hash != sums["top & tail.txt"] || moved.Hashes[0].Action != ActionOriginal || moved.Generation != 2 {
		t.Errorf("moved file %+v", moved)
	}
	if f, _ := h.File("A001/C0001.MP4"); f.Hashes[0].Action != ActionVerified || f.Generation != 2 {
		t.Errorf("re-verified file %+v", f)
	}
	// Directory hashes of the second generation cover every file there now.
	sums["misc/top renamed <1>.txt"] = sums["top & tail.txt"]
	delete(sums, "top & tail.txt")
	sums["A001/C0003.MP4"] = g2.Entries[0].Hash
	checkDirHashes(t, gen, "xxh128", sums, []string{".", "A001", "Sound", "Sound/sub", "Sound/sub/deep", "misc", "odd"})

	problems, err := Verify(t.Context(), root)
	if err != nil || len(problems) != 0 {
		t.Errorf("verify after two generations: %v %v", problems, err)
	}

	if xmllint = lookTool(t, "xmllint"); xmllint != "" {
		hashList, directory := xmllintSchemas(t)
		validate(t, xmllint, hashList, p1)
		validate(t, xmllint, hashList, p2)
		validate(t, xmllint, directory, filepath.Join(root, "ascmhl", "ascmhl_chain.xml"))
	}
}

// checkDirHashes compares a generation's directory hashes with DirHashes
// over the given files.
func checkDirHashes(t *testing.T, gen HashList, algo string, files map[string]string, folders []string) {
	t.Helper()
	want, err := DirHashes(algo, files)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range gen.Dirs {
		got = append(got, d.Path)
		i := slices.IndexFunc(want, func(w DirHash) bool { return w.Path == d.Path })
		if i < 0 || d.Algo != algo || d.Content != want[i].Content || d.Structure != want[i].Structure {
			t.Errorf("%s: directory hash %+v", d.Path, d)
		}
	}
	slices.Sort(got)
	if !slices.Equal(got, folders) {
		t.Errorf("directory hashes for %q, want %q", got, folders)
	}
}

// checkChain checks that the chain lists n generations, each with the C4 id
// of its file.
func checkChain(t *testing.T, root string, h *History, n int) {
	t.Helper()
	if len(h.Chain) != n || len(h.Generations) != n {
		t.Fatalf("chain %+v, %d generation files, want %d", h.Chain, len(h.Generations), n)
	}
	for i, l := range h.Chain {
		f, err := os.Open(filepath.Join(root, "ascmhl", l.Path))
		if err != nil {
			t.Fatal(err)
		}
		id, err := C4(f)
		f.Close()
		if err != nil || id != l.C4 || l.Number != i+1 || !strings.HasPrefix(l.Path, fmt.Sprintf("%04d_", i+1)) {
			t.Errorf("chain link %+v: file C4 %s %v", l, id, err)
		}
	}
}

// Two hashes of one file make one <hash>, in the order the schema wants,
// and a folder holding a file known in no md5 gets no md5 directory hash.
func TestWriteSeveralAlgorithms(t *testing.T) {
	root := filepath.Join(t.TempDir(), "CARD")
	writeTree(t, root, map[string]string{"Clips/a.mov": "a", "Clips/b.mov": "b", "Sidecar.txt": "s"})
	g1 := Generation{Root: root, Creator: creator(genDate), Entries: entriesFor(t, root, "xxh64", "", "Clips/a.mov", "Clips/b.mov", "Sidecar.txt")}
	if _, err := Write(t.Context(), g1); err != nil {
		t.Fatal(err)
	}
	writeTree(t, root, map[string]string{"New/c.mov": "c"})
	entries := append(entriesFor(t, root, "xxh64", ActionVerified, "Clips/a.mov"), entriesFor(t, root, "md5", ActionOriginal, "Clips/a.mov", "New/c.mov")...)
	p2, err := Write(t.Context(), Generation{Root: root, Creator: creator(genDate.Add(time.Minute)), Entries: entries})
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(p2)
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	if md5At, xxhAt := strings.Index(s, "<md5 action"), strings.Index(s, "<xxh64 action"); md5At < 0 || xxhAt < md5At {
		t.Errorf("md5 must come before xxh64 in a <hash>:\n%s", s)
	}
	h, err := ReadHistory(root)
	if err != nil {
		t.Fatal(err)
	}
	dirs := map[string][]string{}
	for _, d := range h.Generations[1].Dirs {
		dirs[d.Path] = append(dirs[d.Path], d.Algo)
	}
	// Clips: a has both, b only xxh64 (from generation 1); New: c only md5;
	// the root lacks md5 for b and the sidecar, and xxh64 for c.
	want := map[string][]string{"Clips": {"xxh64"}, "New": {"md5"}}
	if fmt.Sprint(dirs) != fmt.Sprint(want) {
		t.Errorf("directory hashes by folder %v, want %v", dirs, want)
	}
	if f, _ := h.File("Clips/a.mov"); len(f.Hashes) != 2 || f.Hashes[0].Algo != "md5" || f.Hashes[1].Algo != "xxh64" {
		t.Errorf("Clips/a.mov hashes %+v", f.Hashes)
	}
	if xmllint := lookTool(t, "xmllint"); xmllint != "" {
		hashList, _ := xmllintSchemas(t)
		validate(t, xmllint, hashList, p2)
	}
}

func TestWriteRejectsWhatItCannotRecord(t *testing.T) {
	root := filepath.Join(t.TempDir(), "R")
	writeTree(t, root, map[string]string{"a": "a"})
	good := entriesFor(t, root, "xxh64", "", "a")[0]
	with := func(f func(*Entry)) []Entry {
		e := good
		f(&e)
		return []Entry{e}
	}
	for name, g := range map[string]Generation{
		"parent path":      {Entries: with(func(e *Entry) { e.Path = "../a" })},
		"absolute path":    {Entries: with(func(e *Entry) { e.Path = "/a" })},
		"unclean path":     {Entries: with(func(e *Entry) { e.Path = "x//a" })},
		"control char":     {Entries: with(func(e *Entry) { e.Path = "a\x01b" })},
		"invalid utf-8":    {Entries: with(func(e *Entry) { e.Path = "a\xffb" })},
		"history folder":   {Entries: with(func(e *Entry) { e.Path = "ascmhl/x" })},
		"short hash":       {Entries: with(func(e *Entry) { e.Hash = "abc" })},
		"uppercase hash":   {Entries: with(func(e *Entry) { e.Hash = strings.ToUpper(e.Hash) })},
		"unknown algo":     {Entries: with(func(e *Entry) { e.Algo = "crc32" })},
		"bad action":       {Entries: with(func(e *Entry) { e.Action = "copied" })},
		"twice":            {Entries: []Entry{good, good}},
		"bad process":      {Entries: []Entry{good}, Process: "copy"},
		"unknown rename":   {Renames: []Rename{{From: "nope", To: "a"}}},
		"rename to itself": {Renames: []Rename{{From: "a", To: "a"}}},
		"nothing":          {},
		"bad email":        {Entries: []Entry{good}, Creator: CreatorInfo{Authors: []Author{{Name: "x", Email: "nobody"}}}},
	} {
		t.Run(name, func(t *testing.T) {
			g.Root = root
			if p, err := Write(t.Context(), g); err == nil {
				t.Errorf("accepted, wrote %s", p)
			}
			if ents, _ := os.ReadDir(filepath.Join(root, "ascmhl")); len(ents) != 0 {
				t.Errorf("left %d files in ascmhl/", len(ents))
			}
		})
	}
}
