package organize

import "testing"

func TestBestTake(t *testing.T) {
	sounds := []Span{
		{100, 160}, // take 1: rolls at 100s, cuts at 160s
		{170, 260}, // take 2
		{300, 310}, // a short wild track
	}
	cases := []struct {
		name    string
		picture Span
		want    int
		ok      bool
	}{
		{"inside take 1 with pre-roll", Span{105, 150}, 0, true},
		{"mostly take 2, tail of take 1", Span{155, 240}, 1, true},
		{"no sound rolling", Span{500, 520}, -1, false},
		{"tiny overlap below the minimum", Span{259.5, 280}, -1, false},
		{"tie between two takes", Span{150, 180}, -1, false},
		{"empty picture", Span{120, 120}, -1, false},
	}
	for _, c := range cases {
		got, ok := BestTake(c.picture, sounds, 1)
		if got != c.want || ok != c.ok {
			t.Errorf("%s: got %d %v, want %d %v", c.name, got, ok, c.want, c.ok)
		}
	}
}
