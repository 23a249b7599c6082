// Package offload owns verified copying and hashing: it turns the bytes of one
// source file into copies at one or more destinations (the library and its
// backups), written in a single pass over the source, flushed to disk, read
// back from the disk and compared with the source hash before they appear at
// their final paths.
//
// It never touches the source beyond reading it (no rename, delete, chmod or
// atime change where the OS allows), never overwrites a file at a destination
// (a clash gets a new, deterministic name), and leaves nothing but hidden
// partial files behind an interruption; RemovePartials clears those at start.
//
// It knows files and hashes only: never scenes, clips, layouts or SQLite.
package offload
