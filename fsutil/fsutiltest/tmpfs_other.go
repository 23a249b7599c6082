//go:build !linux

package fsutiltest

import "testing"

// Tmpfs skips the test: tmpfs mounts are made on Linux only.
func Tmpfs(t testing.TB, options string) string {
	t.Helper()
	t.Skipf("a tmpfs with %q needs Linux", options)
	return ""
}

// ReadOnly is never reached: Tmpfs skipped the test.
func ReadOnly(t testing.TB, dir string) { t.Helper(); t.Skip("needs Linux") }
