package main

import "github.com/spf13/cobra"

// The commands below are part of the command-line contract; later releases
// fill them in. Until then they say so and exit 2, and never pretend.

func (a *app) daemonCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "daemon",
		Short: "Watch the configured ingest roots and ingest until SIGINT/SIGTERM (not available yet)",
		Long: `Watch every configured ingest root (key "watch", default ./ingest), wait until
each file is completely written, and offload it like "rushes ingest".

Not available yet: use "rushes ingest PATH" for a one-shot offload.`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error { return notYet("rushes daemon (use rushes ingest PATH)") },
	}
}

func (a *app) statusCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "status",
		Short: "Whether the daemon runs, what it watches, what is queued, in flight, failed (not available yet)",
		RunE:  func(*cobra.Command, []string) error { return notYet("rushes status") },
	}
}
