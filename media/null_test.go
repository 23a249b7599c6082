package media

import "testing"

func TestOrNil(t *testing.T) {
	if OrNil("") != nil || OrNil(0) != nil {
		t.Error("zero values must be nil")
	}
	if p := OrNil("A"); p == nil || *p != "A" {
		t.Errorf("OrNil(A) = %v", p)
	}
	if p := OrNil(25); p == nil || *p != 25 {
		t.Errorf("OrNil(25) = %v", p)
	}
}
