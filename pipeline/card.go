package pipeline

import (
	"path/filepath"
	"strings"
)

// cardTops are the folders a camera writes at the top of its card (Sony
// PRIVATE, XDROOT, BPAV, MP_ROOT; DCIM; Canon and Panasonic CONTENTS;
// AVCHD; ARRI and Blackmagic Clips): the folder holding one is a card.
var cardTops = map[string]bool{
	"PRIVATE": true, "XDROOT": true, "BPAV": true, "MP_ROOT": true, "DCIM": true,
	"CONTENTS": true, "AVCHD": true, "CLIPS": true,
}

// cardOf is the card a file under root came from, so that two cards in one
// drop (a shuttle drive's CARD1 and CARD2, two days' recorder folders),
// whose cameras named their recordings alike, do not make one recording:
// the folder holding the nearest camera top folder above the file, else the
// first folder below root, else root itself.
func cardOf(root, path string) string {
	rel, err := filepath.Rel(root, path)
	if err != nil || rel == ".." || strings.HasPrefix(rel, "../") {
		return root
	}
	parts := strings.Split(filepath.ToSlash(rel), "/")
	dirs := parts[:len(parts)-1]
	for i := len(dirs) - 1; i >= 0; i-- {
		if cardTops[strings.ToUpper(dirs[i])] {
			return filepath.Join(root, filepath.Join(dirs[:i]...))
		}
	}
	if len(dirs) > 0 {
		return filepath.Join(root, dirs[0])
	}
	return root
}
