package main

import (
	"errors"
	"fmt"

	"github.com/rushes/rushes/catalog"
	"github.com/rushes/rushes/config"
)

// Exit statuses of the command-line contract.
const (
	exitOK     = 0
	exitFailed = 1 // the work failed: a file not verified, a clip not found
	exitUsage  = 2 // bad usage or configuration
)

// usageError marks an error that is the user's invocation, not the work.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

// exitCode maps an error to the contract's exit status.
func exitCode(err error) int {
	var ue usageError
	var ce *config.Error
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ue), errors.As(err, &ce), errors.Is(err, catalog.ErrTooNew):
		return exitUsage
	default:
		return exitFailed
	}
}
