package pipeline

import (
	"path/filepath"
	"sync"
	"testing"
)

// finishedLog keeps what an observer is told at the end of each file.
type finishedLog struct {
	nopObserver
	mu    sync.Mutex
	dests map[string]string // source -> reported destination
	state map[string]string
}

func (f *finishedLog) Finished(pl Planned, state string, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.dests[pl.Path], f.state[pl.Path] = pl.Dest, state
}

// Two cards with an A001C001.MOV each: the second lands under a clash name,
// and what the observer (the progress lines) is told is that name.
func TestReportedPathIsTheFinalOne(t *testing.T) {
	fx := newFixture(t)
	fx.file("card1/A001C001.MOV", []byte("first card's clip"))
	second := fx.file("card2/A001C001.MOV", []byte("second card's clip, other bytes"))
	fx.run(fx.options(), filepath.Join(fx.dir, "card1"))
	log := &finishedLog{dests: map[string]string{}, state: map[string]string{}}
	p := New(fx.options(), fx.cat, nil, log)
	if _, err := p.Run(t.Context(), []string{filepath.Join(fx.dir, "card2")}); err != nil {
		t.Fatal(err)
	}
	got := log.dests[second]
	if filepath.Base(got) != "A001C001_2.MOV" || log.state[second] != "verified" {
		t.Errorf("reported %s (%s), want the final name A001C001_2.MOV, verified", got, log.state[second])
	}
}
