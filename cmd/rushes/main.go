// Command rushes organizes film and video footage: it offloads cards with
// verified copies into a library grouped by shooting day and scene, indexes
// it in SQLite, and answers editors' questions about it. This package only
// wires configuration into components and prints their results.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // IANA zones for the timezone key on machines without zoneinfo
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() { // the first signal starts a graceful stop; a second one kills
		<-ctx.Done()
		stop()
	}()
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
