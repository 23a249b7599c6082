// Package fsutiltest gives tests real file systems to break: small tmpfs
// mounts with chosen options (a full disk, strict access times, read-only).
// Tests that need one are skipped where it cannot be had (not root, not
// Linux).
package fsutiltest
