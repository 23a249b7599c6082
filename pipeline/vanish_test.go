package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rushes/rushes/catalog"
)

// pullCard removes a source file the moment its copy starts: the card
// pulled out of the reader.
type pullCard struct {
	nopObserver
	victim string
}

func (p pullCard) Started(pl Planned) {
	if pl.Path == p.victim {
		os.Remove(pl.Path)
	}
}

// A source that vanishes mid-run is failed with the reason, leaves nothing
// partial and nothing in the catalog, and is offloaded when it reappears.
func TestSourcePulledMidRunIsRetriedWhenItReturns(t *testing.T) {
	fx := newFixture(t)
	content := []byte(strings.Repeat("frames", 50_000))
	victim := fx.file("card/A001C001.MOV", content)
	fx.file("card/A001C002.MOV", []byte("other clip"))
	sum, err := New(fx.options(), fx.cat, nil, pullCard{victim: victim}).Run(context.Background(), []string{filepath.Join(fx.dir, "card")})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Failed != 1 || sum.Copied != 1 || len(sum.Failures) != 1 || !strings.Contains(sum.Failures[0].Err.Error(), "A001C001.MOV") {
		t.Fatalf("summary %+v", sum)
	}
	if clips, _ := fx.cat.Clips(context.Background(), catalog.Filter{Search: "A001C001"}); len(clips) != 0 {
		t.Error("the catalog lists a clip whose copy failed")
	}
	filepath.WalkDir(fx.lib, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.Contains(d.Name(), "rushes-partial") {
			t.Errorf("partial file left: %s", p)
		}
		return nil
	})
	fx.file("card/A001C001.MOV", content) // the card is back
	sum = fx.run(fx.options(), filepath.Join(fx.dir, "card"))
	if sum.Copied != 1 || sum.Known != 1 || sum.Failed != 0 {
		t.Errorf("after the card came back: %+v", sum)
	}
}
