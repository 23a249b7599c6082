package names

import (
	"errors"
	"fmt"
	"regexp"
	"slices"

	"github.com/rushes/rushes/media"
)

// patternGroups are the named groups a configured pattern may use.
var patternGroups = []string{"scene", "take", "camera", "reel"}

// CompilePatterns compiles the configured name patterns (the `patterns`
// key). Each must compile and name at least one of the groups scene, take,
// camera, reel, and no other group: a misspelt group would otherwise match
// and silently read nothing. The error names every bad pattern and what is
// wrong with it.
func CompilePatterns(exprs []string) ([]*regexp.Regexp, error) {
	out := make([]*regexp.Regexp, 0, len(exprs))
	var errs []error
	for _, expr := range exprs {
		re, err := compilePattern(expr)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, re)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return out, nil
}

func compilePattern(expr string) (*regexp.Regexp, error) {
	re, err := regexp.Compile(expr)
	if err != nil {
		return nil, fmt.Errorf("pattern %q: %w", expr, err)
	}
	known := 0
	for _, name := range re.SubexpNames() {
		switch {
		case name == "":
		case slices.Contains(patternGroups, name):
			known++
		default:
			return nil, fmt.Errorf("pattern %q: unknown group (?P<%s>): use scene, take, camera or reel", expr, name)
		}
	}
	if known == 0 {
		return nil, fmt.Errorf("pattern %q: no named group: name at least one of scene, take, camera, reel, as in (?P<scene>[0-9]+)", expr)
	}
	return re, nil
}

// configuredFact is what one configured pattern read from one name.
type configuredFact struct {
	slate slateFact
	ident identFact
}

// matchConfigured runs the configured patterns, in order, on one path
// element (level 0: the file name, tried as its stem and then whole, so a
// pattern may or may not mention the extension). A pattern that matches but
// captures nothing is skipped.
func matchConfigured(patterns []*regexp.Regexp, level int, texts ...string) []configuredFact {
	from := media.FromFilename
	if level > 0 {
		from = media.FromFolder
	}
	var out []configuredFact
	for _, re := range patterns {
		if re == nil {
			continue
		}
		for _, text := range texts {
			m := re.FindStringSubmatch(text)
			if m == nil {
				continue
			}
			g := groups{re, m}
			f := configuredFact{
				slate: slateFact{scene: g.get("scene"), take: g.get("take"), level: level, from: from},
				ident: identFact{camera: g.get("camera"), reel: g.get("reel"), from: from},
			}
			if f.slate.scene != "" || f.slate.take != "" || f.ident.camera != "" || f.ident.reel != "" {
				out = append(out, f)
				break
			}
		}
	}
	return out
}
