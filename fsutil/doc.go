// Package fsutil holds the few file-system primitives every stage needs
// once, with per-OS files where the systems differ: today, opening a source
// read-only without touching its access time. It knows paths and file
// descriptors, never media, hashes or the catalog.
package fsutil
