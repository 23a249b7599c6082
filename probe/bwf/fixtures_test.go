package bwf

import (
	"encoding/binary"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fixtures is the shared fixture tree, reached from the module root.
const fixtures = "../../../shared/fixtures"

func fixtureDir(t *testing.T) string {
	t.Helper()
	if _, err := os.Stat(filepath.Join(fixtures, "sound")); err != nil {
		t.Skipf("fixtures not found at %s (run from the module inside the shared workspace): %v", fixtures, err)
	}
	return fixtures
}

// soundFixtures are every WAV fixture, relative to the fixture root.
var soundFixtures = []string{
	"sound/sounddevices/A101_1.WAV",
	"sound/sounddevices/A101_1_1.WAV",
	"sound/sounddevices/A101_3.WAV",
	"sound/zoom_F8/Scene_1_2AG-T001.TAKE/Scene_1_2AG-T001_Tr1.WAV",
	"sound/zoom_F8/Scene_1_2AG-T001.TAKE/Scene_1_2AG-T001_Tr2.WAV",
	"sound/metacorder/Sr001-2C-01_01.WAV",
	"video/exiftool/RIFF.wav",
}

// golden reads one of the golden JSON outputs; the file name is the
// fixture's path with "/" turned into "_".
func golden(t *testing.T, rel, tool string) map[string]any {
	t.Helper()
	name := strings.ReplaceAll(rel, "/", "_") + "." + tool + ".json"
	b, err := os.ReadFile(filepath.Join(fixtures, "golden", name))
	if err != nil {
		t.Fatalf("golden %s: %v", name, err)
	}
	return decodeGolden(t, b)
}

func decodeGolden(t *testing.T, b []byte) map[string]any {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("golden json: %v", err)
	}
	if list, ok := v.([]any); ok && len(list) > 0 {
		v = list[0] // exiftool prints an array of one object
	}
	m, _ := v.(map[string]any)
	return m
}

// str renders a golden value as exiftool would print it in a report: JSON
// numbers keep their digits ("1", "01" stays a string in the JSON).
func str(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case json.Number:
		return x.String()
	case bool:
		if x {
			return "TRUE"
		}
		return "FALSE"
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// path walks nested JSON objects and arrays ("streams.0.sample_rate").
func path(m map[string]any, keys ...string) any {
	var v any = m
	for _, k := range keys {
		switch x := v.(type) {
		case map[string]any:
			v = x[k]
		case []any:
			if k != "0" || len(x) == 0 {
				return nil
			}
			v = x[0]
		default:
			return nil
		}
	}
	return v
}

// shrink rebuilds a WAV with its data and PAD chunks cut to a few bytes, so
// that a real recorder's header layout fits in a small fuzz seed.
func shrink(b []byte) []byte {
	w := newWAV(string(b[:4]))
	for off := 12; off+8 <= len(b); {
		id := string(b[off : off+4])
		size := int(binary.LittleEndian.Uint32(b[off+4:]))
		end := min(off+8+size, len(b))
		body := b[off+8 : end]
		if id == "data" || id == "PAD " {
			body = body[:min(len(body), 48)]
		}
		w.chunk(id, body)
		off = end + size%2
	}
	return w.bytes()
}

// fixtureSeeds are the sound fixtures shrunk into fuzz seeds.
func fixtureSeeds(t *testing.T) map[string][]byte {
	root := fixtureDir(t)
	seeds := map[string][]byte{}
	for _, rel := range soundFixtures {
		b, err := os.ReadFile(filepath.Join(root, rel))
		if err != nil {
			t.Fatal(err)
		}
		seeds["fixture_"+filepath.Base(rel)] = shrink(b)
	}
	if b, err := os.ReadFile(filepath.Join("testdata", "rf64_ffmpeg.wav")); err == nil {
		seeds["rf64_ffmpeg.wav"] = b[:min(len(b), 1024)] // headers and a little data
	}
	return seeds
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
