// Package names reads facts from file and folder names: which camera or
// recorder named a file (its naming scheme), the camera letter, reel, clip
// number, the date and time some schemes write into the name, GoPro chapters
// and RED spans, the slate's scene and take, and the key that groups the
// files of one recording (media, sidecars, chapters, spans, track files).
//
// It owns the knowledge of naming conventions and nothing else. It never
// opens, stats or reads a file: every fact comes from the path string alone,
// so parsing is cheap, deterministic and safe on hostile names. Values are
// returned as written in the name; making them safe path segments is the
// organize stage's job. A returned value never contains a path separator,
// because it is always cut from a single path element.
//
// Precision matters more than recall: a wrong scene files a clip where an
// editor will not look for it, which is worse than no scene (the clip lands in
// "unsorted" and the timecode match may still place it). So every built-in
// rule is anchored on explicit structure (a keyword such as "Sc" or "Take", a
// camera's fixed layout, or a whole-name slate form with a pickup letter) and
// refuses numbers that look like dates or counters.
package names
