package export

import (
	"bytes"
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"testing"
)

// The field names are the brief's contract; scripts depend on them.
func TestJSONFieldNamesAreStable(t *testing.T) {
	var buf bytes.Buffer
	if err := JSON(&buf, dayClips()); err != nil {
		t.Fatal(err)
	}
	var got []map[string]any
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(dayClips()) {
		t.Fatalf("%d objects", len(got))
	}
	want := []string{"id", "name", "kind", "date", "shot_at", "scene", "take", "camera", "reel", "tc_start", "fps",
		"duration_s", "codec", "width", "height", "sample_rate", "channels", "size_bytes", "library_path",
		"source_path", "hash_algo", "hash", "files", "circled", "rating", "ng", "notes", "tags", "ingested_at",
		"provenance", "warnings"}
	slices.Sort(want)
	for i, obj := range got {
		if keys := slices.Sorted(maps.Keys(obj)); !slices.Equal(keys, want) {
			t.Errorf("object %d has fields %q", i, keys)
		}
	}
	if got[0]["fps"] != 23.976 || got[2]["tc_start"] != "10:00:59;28" || got[5]["fps"] != nil {
		t.Errorf("fps %v, tc_start %v, unknown fps %v", got[0]["fps"], got[2]["tc_start"], got[5]["fps"])
	}
	if !strings.HasPrefix(buf.String(), "[\n  {\n    \"id\": 1,") {
		t.Errorf("not indented as rushes clips --json: %.40q", buf.String())
	}
}

func TestJSONOfNoClipsIsAnEmptyArray(t *testing.T) {
	var buf bytes.Buffer
	if err := JSON(&buf, nil); err != nil {
		t.Fatal(err)
	}
	if buf.String() != "[]\n" {
		t.Errorf("%q", buf.String())
	}
}
