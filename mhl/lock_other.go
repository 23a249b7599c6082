//go:build !unix

package mhl

import "context"

// lockDir is a no-op where flock does not exist: there, callers must not
// write one history from two places at once.
func lockDir(ctx context.Context, dir string) (unlock func(), err error) {
	return func() {}, ctx.Err()
}
