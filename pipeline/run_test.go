package pipeline

import (
	"testing"
	"time"
)

// took reports whether take returned within a short wait.
func took(s *deviceSlots, dev uint64, large bool) (func(), bool) {
	got := make(chan func(), 1)
	go func() { got <- s.take(dev, large) }()
	select {
	case release := <-got:
		return release, true
	case <-time.After(200 * time.Millisecond):
		go func() { (<-got)() }() // let it through later, then give it back
		return nil, false
	}
}

// Per source device: perDevice large files are read at once, small ones
// up to SmallPerLarge*perDevice in all, and other devices do not wait.
func TestDeviceSlots(t *testing.T) {
	s := newDeviceSlots(1)
	big, ok := took(s, 1, true)
	if !ok {
		t.Fatal("the first large file waits")
	}
	if _, ok := took(s, 1, true); ok {
		t.Fatal("a second large file on the same device did not wait")
	}
	if release, ok := took(s, 2, true); !ok {
		t.Fatal("a large file on another device waits")
	} else {
		release()
	}
	var small []func()
	for i := range SmallPerLarge - 1 { // the waiting large file holds no slot in all yet
		release, ok := took(s, 1, false)
		if !ok {
			t.Fatalf("small file %d waits behind a large one", i+1)
		}
		small = append(small, release)
	}
	if _, ok := took(s, 1, false); ok {
		t.Fatalf("more than %d files read at once", SmallPerLarge)
	}
	big()
	for _, release := range small {
		release()
	}
	release := s.hold("/", smallFile)
	release()
	release() // a release may be called twice: it gives the slot back once
	if release, ok := took(s, deviceOf("/"), true); !ok {
		t.Error("a slot released twice was lost, or given back twice")
	} else {
		release()
	}
}
