package organize

// Span is a recording's timecode range on one shooting day, in seconds
// since midnight.
type Span struct {
	Start, End float64
}

// overlap is how many seconds a and b share.
func overlap(a, b Span) float64 {
	return max(0, min(a.End, b.End)-max(a.Start, b.Start))
}

// BestTake picks the sound take a picture clip belongs to: jam-synced
// timecode puts picture and sound of one take on the same clock, and the
// take that overlaps the picture most is its sound. Sound rolls before
// picture and cuts after it (pre- and post-roll), so overlap, not
// containment, decides. An overlap below minOverlap seconds does not count,
// nor does a tie between two takes: a wrong scene is worse than none.
func BestTake(picture Span, sounds []Span, minOverlap float64) (int, bool) {
	best, bestOv, tie := -1, 0.0, false
	for i, s := range sounds {
		ov := overlap(picture, s)
		switch {
		case ov < minOverlap || ov <= 0:
		case ov > bestOv:
			best, bestOv, tie = i, ov, false
		case ov == bestOv:
			tie = true
		}
	}
	if best < 0 || tie {
		return -1, false
	}
	return best, true
}
