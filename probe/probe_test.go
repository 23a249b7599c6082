package probe

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rushes/rushes/media"
)

func fixtures(t *testing.T) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(file), "..", "..", "shared", "fixtures")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("fixtures not found at %s: %v", dir, err)
	}
	return dir
}

// What the whole probe says about real camera and recorder files: the
// readers combined, with provenance.
func TestProbeFixtures(t *testing.T) {
	fx := fixtures(t)
	p := &Prober{Location: time.UTC}
	cases := []struct {
		rel  string
		want map[string]string // field -> "value@provenance"
	}{
		{"video/gopro/karma.mp4", map[string]string{
			"tc_start": "19:26:48:04@tmcd", "date": "2017-04-17T19:27:57Z@container", "codec": "avc1@container",
			"width": "854@container", "height": "480@container", "fps": "29.97@container", "kind": "video"}},
		{"sound/sounddevices/A101_1.WAV", map[string]string{
			"scene": "A101@ixml", "take": "1@ixml", "reel": "18Y12M31@ixml", "tc_start": "12:39:59:00@bext",
			"sample_rate": "48000@container", "kind": "audio"}},
		{"sound/zoom_F8/Scene_1_2AG-T001.TAKE/Scene_1_2AG-T001_Tr1.WAV", map[string]string{
			"scene": "Scene_1_2AG@ixml", "take": "001@ixml", "kind": "audio"}},
		{"sound/metacorder/Sr001-2C-01_01.WAV", map[string]string{
			"scene": "2C@ixml", "take": "01@ixml", "reel": "Sr001@ixml", "tc_start": "13:37:30:07@bext"}},
		{"video/exiftool/QuickTime.mov", map[string]string{"date": "2005-08-11T14:03:54Z@container", "width": "320@container"}},
	}
	for _, c := range cases {
		t.Run(c.rel, func(t *testing.T) {
			path := filepath.Join(fx, c.rel)
			f, err := p.File(context.Background(), path, filepath.Dir(path))
			if err != nil {
				t.Fatal(err)
			}
			got := flatten(f)
			for k, w := range c.want {
				if got[k] != w {
					t.Errorf("%s = %q, want %q (warnings %v)", k, got[k], w, f.Warnings)
				}
			}
		})
	}
}

func flatten(f media.Facts) map[string]string {
	r := NewReport(f, "")
	m := map[string]string{"kind": r.Kind}
	put := func(k, prov string, v *string) {
		if v != nil {
			m[k] = *v + "@" + f.Provenance[prov]
		}
	}
	put("date", "date", r.ShotAt)
	put("scene", "scene", r.Scene)
	put("take", "take", r.Take)
	put("reel", "reel", r.Reel)
	put("tc_start", "tc_start", r.TCStart)
	put("codec", "codec", r.Codec)
	if r.Width != nil {
		m["width"] = strconv.Itoa(*r.Width) + "@" + f.Provenance["width"]
		m["height"] = strconv.Itoa(*r.Height) + "@" + f.Provenance["height"]
	}
	if r.SampleRate != nil {
		m["sample_rate"] = strconv.Itoa(*r.SampleRate) + "@" + f.Provenance["sample_rate"]
	}
	if r.FPS != nil {
		m["fps"] = f.Rate.String() + "@" + f.Provenance["fps"]
	}
	return m
}

// Bad metadata is a warning, never an error, and the file-mtime fallback
// still dates the clip.
func TestProbeHostileFilesWarnAndFallBack(t *testing.T) {
	dir := t.TempDir()
	files := map[string][]byte{
		"garbage.mov":  []byte("\x00\x00\x00\x08ftyp\xff\xff\xff\xffmoov" + strings.Repeat("\xff", 64)),
		"empty.wav":    {},
		"notriff.wav":  []byte("ID3 this is an mp3"),
		"C0001.MP4":    []byte("not really"),
		"C0001M01.XML": []byte("<NonRealTimeMeta><Duration value=\"-5\"/><CreationDate value=\"garbage\"/>"),
	}
	mtime := time.Date(2026, 11, 2, 14, 0, 0, 0, time.UTC)
	for n, b := range files {
		p := filepath.Join(dir, n)
		os.WriteFile(p, b, 0o644)
		os.Chtimes(p, mtime, mtime)
	}
	p := &Prober{Location: time.UTC}
	for n := range files {
		f, err := p.File(context.Background(), filepath.Join(dir, n), dir)
		if err != nil {
			t.Errorf("%s: error %v, want warnings only", n, err)
			continue
		}
		if strings.HasSuffix(n, ".XML") {
			continue
		}
		if len(f.Warnings) == 0 {
			t.Errorf("%s: no warning for unreadable metadata", n)
		}
		if !f.ShotAt.Equal(mtime) || f.Provenance["date"] != media.FromFileMtime {
			t.Errorf("%s: shot at %v from %q, want the file mtime", n, f.ShotAt, f.Provenance["date"])
		}
	}
	if _, err := p.File(context.Background(), filepath.Join(dir, "missing.mov"), dir); err == nil {
		t.Error("a missing file gave no error")
	}
}

// Slate from folder names and disagreement warnings.
func TestProbeFolderSlateAndDisagreement(t *testing.T) {
	fx := fixtures(t)
	dir := t.TempDir()
	b, err := os.ReadFile(filepath.Join(fx, "sound/sounddevices/A101_3.WAV"))
	if err != nil {
		t.Fatal(err)
	}
	// A PA put the take in a folder that contradicts the recorder's slate.
	path := filepath.Join(dir, "Sc12_T4", "audio.WAV")
	os.MkdirAll(filepath.Dir(path), 0o755)
	os.WriteFile(path, b, 0o644)
	f, err := (&Prober{}).File(context.Background(), path, dir)
	if err != nil {
		t.Fatal(err)
	}
	if f.Scene != "A101" || f.Provenance["scene"] != media.FromIXML {
		t.Errorf("scene %q from %q, want A101 from ixml (slate in the file wins)", f.Scene, f.Provenance["scene"])
	}
	if !strings.Contains(strings.Join(f.Warnings, "\n"), "scene") {
		t.Errorf("no disagreement warning: %v", f.Warnings)
	}
	mov := filepath.Join(dir, "Sc12_T4", "clip.mov")
	os.WriteFile(mov, []byte("x"), 0o644)
	f, _ = (&Prober{}).File(context.Background(), mov, dir)
	if f.Scene != "12" || f.Take != "4" || f.Provenance["scene"] != media.FromFolder {
		t.Errorf("folder slate: scene %q take %q from %q", f.Scene, f.Take, f.Provenance["scene"])
	}
}

// ffprobe is optional: without it a format rushes does not read itself
// still probes (name and mtime facts); with it, its facts are added.
func TestFFprobeOptional(t *testing.T) {
	fx := fixtures(t)
	path := filepath.Join(fx, "video/exiftool/M2TS.mts")
	without, err := (&Prober{}).File(context.Background(), path, filepath.Dir(path))
	if err != nil || without.Codec != "" || without.Provenance["date"] != media.FromFileMtime {
		t.Errorf("without ffprobe: %v, codec %q, date from %q", err, without.Codec, without.Provenance["date"])
	}
	bin := LookFFprobe()
	if bin == "" {
		if os.Getenv("CI_REQUIRE_TOOLS") != "" {
			t.Fatal("ffprobe not installed; .ci/run should have installed it")
		}
		t.Skip("ffprobe not installed")
	}
	with, err := (&Prober{FFprobe: bin}).File(context.Background(), path, filepath.Dir(path))
	if err != nil || with.Codec != "h264" || with.Width != 1920 || with.Height != 1080 || with.Provenance["codec"] != media.FromFFprobe {
		t.Errorf("with ffprobe: %v, %s %dx%d from %q", err, with.Codec, with.Width, with.Height, with.Provenance["codec"])
	}
	// A broken ffprobe is a warning, never an error.
	broken, err := (&Prober{FFprobe: "/bin/false"}).File(context.Background(), path, filepath.Dir(path))
	if err != nil || len(broken.Warnings) == 0 {
		t.Errorf("failing ffprobe: %v, warnings %v", err, broken.Warnings)
	}
}
