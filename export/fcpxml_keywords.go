package export

import (
	"slices"
	"strings"

	"github.com/rushes/rushes/catalog"
)

// keywords key a clip by its scene, then its tags. A keyword value is a
// comma-separated list in FCPXML, so commas inside become semicolons.
func keywords(c catalog.Clip) []string {
	scene := "Unsorted"
	if s := strings.TrimSpace(c.Scene); s != "" {
		scene = s
		if !strings.HasPrefix(strings.ToLower(s), "scene") {
			scene = "Scene " + s
		}
	}
	out := []string{strings.ReplaceAll(scene, ",", ";")}
	for _, t := range c.Tags {
		if t = strings.ReplaceAll(strings.TrimSpace(t), ",", ";"); t != "" && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// collections are the event's keyword collections, in order of first use.
func collections(placed []fcpPlaced) []fcpKeywordCollection {
	var out []fcpKeywordCollection
	seen := map[string]bool{}
	for _, p := range placed {
		for _, k := range keywords(p.c) {
			if !seen[k] {
				seen[k] = true
				out = append(out, fcpKeywordCollection{Name: k})
			}
		}
	}
	return out
}

// eventName names the event after the shooting days it holds.
func eventName(clips []catalog.Clip) string {
	var first, last string
	for _, c := range clips {
		if c.Date == "" {
			continue
		}
		if first == "" || c.Date < first {
			first = c.Date
		}
		last = max(last, c.Date)
	}
	switch {
	case first == "":
		return "Rushes"
	case first == last:
		return "Rushes " + first
	}
	return "Rushes " + first + " to " + last
}
