package offload

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

func TestSamePrefix(t *testing.T) {
	dir := t.TempDir()
	src := randomBytes(prefixLen+1000, 1)
	sameStart := append(append([]byte{}, src[:prefixLen]...), randomBytes(1000, 2)...) // differs after the prefix
	otherStart := append(append([]byte{}, src...), 0)
	otherStart[prefixLen-1] ^= 1
	short := []byte("sound report")
	file := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		writeFile(t, p, b)
		return p
	}
	srcPath := file("card/C0001.MP4", src)
	shortPath := file("card/report.txt", short)
	tests := []struct {
		name  string
		src   string
		cands []string
		want  bool
	}{
		{"same start, other tail", srcPath, []string{file("lib/a.MP4", sameStart)}, true},
		{"last byte of the prefix differs", srcPath, []string{file("lib/b.MP4", otherStart)}, false},
		{"second candidate matches", srcPath, []string{file("lib/c.MP4", otherStart), file("lib/d.MP4", src)}, true},
		{"missing candidate is no match", srcPath, []string{filepath.Join(dir, "lib/gone.MP4")}, false},
		{"short file compared whole", shortPath, []string{file("lib/e.txt", short)}, true},
		{"short file, longer candidate", shortPath, []string{file("lib/f.txt", append(short, 'x'))}, false},
		{"no candidates", srcPath, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := SamePrefix(context.Background(), tt.src, tt.cands)
			if err != nil || got != tt.want {
				t.Errorf("SamePrefix = %v, %v; want %v", got, err, tt.want)
			}
		})
	}
}

func TestSamePrefixNamesAnUnreadableSource(t *testing.T) {
	src := filepath.Join(t.TempDir(), "card", "C0009.MP4")
	_, err := SamePrefix(context.Background(), src, []string{src})
	if err == nil || !strings.Contains(err.Error(), src) {
		t.Errorf("err = %v; want one naming %s", err, src)
	}
}
