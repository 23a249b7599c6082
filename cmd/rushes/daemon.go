package main

import (
	"context"
	"os"
	"os/signal"
	"os/user"
	"path/filepath"
	"syscall"
	"time"

	"github.com/rushes/rushes/config"
	"github.com/rushes/rushes/daemon"
	"github.com/rushes/rushes/watcher"
	"github.com/spf13/cobra"
)

func (a *app) daemonCmd() *cobra.Command {
	var df daemonFlags
	cmd := &cobra.Command{
		Use:   "daemon",
		Short: "Watch the ingest roots and offload every complete drop, until SIGINT/SIGTERM",
		Long: `Watch every configured ingest root (key "watch", default ./ingest) and offload
each drop (a card folder, or a loose file) once every file in it is completely
written: unchanged for "settle" and not held open by a writer. Each drop is
offloaded like "rushes ingest" and reported safe (every file verified on every
destination) or failed, in "rushes status" and through the configured hooks.

A drop that failed for a reason that may clear (a full or unwritable
destination, a source gone or unreadable, an I/O error) is tried again after
30 s, then after twice as long each time, at most every 10 minutes.

SIGINT or SIGTERM stops: the copy in flight is aborted cleanly (nothing partial
is ever renamed into place), reported interrupted, and the next start resumes
it; a second signal kills at once. SIGHUP reloads the configuration between drops. One daemon per
library.`,
		Example: `  rushes daemon
  rushes daemon --watch /mnt/ingest --settle 30s --backups /mnt/shuttle
  rushes daemon --volumes        # also every drive mounted under /media/$USER, /run/media/$USER, /Volumes`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			hup := make(chan os.Signal, 1)
			signal.Notify(hup, syscall.SIGHUP)
			defer signal.Stop(hup)
			for {
				cfg, err := a.config(cmd)
				if err != nil {
					return err
				}
				reload, err := a.serve(cmd, cfg, hup, df)
				if err != nil || !reload {
					return err
				}
			}
		},
	}
	config.RegisterKeyFlags(cmd.Flags(), "watch", "settle", "backups")
	f := cmd.Flags()
	f.BoolVar(&df.volumes, "volumes", false, "also offload drives mounted under /media/$USER, /run/media/$USER and /Volumes")
	f.BoolVar(&df.poll, "poll", false, "poll every root instead of relying on file events (network shares)")
	f.StringArrayVar(&df.pollRoots, "poll-root", nil, "poll this watched root (an NFS/SMB share; repeatable); local roots use events")
	f.DurationVar(&df.pollInterval, "poll-interval", watcher.DefaultPollInterval, "how often polled roots are scanned")
	f.DurationVar(&df.reconcile, "reconcile", watcher.DefaultReconcile, "full rescan period that catches anything events missed; 0 turns it off")
	// The retry pace is the daemon's own; tests shorten it.
	f.DurationVar(&df.retry, "retry-after", daemon.DefaultBackoff.First, "first wait before a failed drop is tried again (it doubles)")
	f.DurationVar(&df.retryMax, "retry-max", daemon.DefaultBackoff.Max, "longest wait between tries of a failed drop")
	f.MarkHidden("retry-after")
	f.MarkHidden("retry-max")
	return cmd
}

type daemonFlags struct {
	volumes, poll bool
	pollRoots     []string
	reconcile     time.Duration
	pollInterval  time.Duration
	retry         time.Duration
	retryMax      time.Duration
}

// polled reports whether root should be polled.
func (df daemonFlags) polled(root string) bool {
	for _, p := range df.pollRoots {
		if abs, err := filepath.Abs(p); err == nil && abs == root {
			return true
		}
	}
	return df.poll
}

// serve runs one daemon until a stop signal (reload false) or SIGHUP
// (reload true: the caller loads the configuration again).
func (a *app) serve(cmd *cobra.Command, cfg *config.Config, hup <-chan os.Signal, df daemonFlags) (reload bool, err error) {
	ctx := cmd.Context()
	log := a.logger(cfg)
	cat, err := a.openCatalog(ctx, cfg, false)
	if err != nil {
		return false, err
	}
	defer cat.Close()
	popts, err := ingestOptions(cfg, false)
	if err != nil {
		return false, err
	}
	wopts := watcher.Options{Settle: cfg.Settle, Ignore: cfg.Ignore, Reconcile: df.reconcile, PollInterval: df.pollInterval}
	if df.reconcile <= 0 {
		wopts.Reconcile = -1 // the watcher's "off"
	}
	for _, r := range cfg.Watch {
		wopts.Roots = append(wopts.Roots, watcher.Root{Path: r, Poll: df.polled(r)})
	}
	if df.volumes {
		name := os.Getenv("USER")
		if u, err := user.Current(); err == nil {
			name = u.Username
		}
		wopts.VolumeParents = watcher.DefaultVolumeParents(name)
	}
	d := daemon.New(daemon.Options{Library: cfg.Library, Catalog: cfg.Catalog, Pipeline: popts, Watcher: wopts,
		Hooks: cfg.Hooks, Retry: daemon.Backoff{First: df.retry, Max: df.retryMax}, Log: log}, cat)
	if err := d.Open(ctx); err != nil {
		return false, err
	}
	for {
		select {
		case <-ctx.Done(): // SIGINT/SIGTERM: abort the copy in flight now
			expired, cancel := context.WithTimeout(context.Background(), 0)
			defer cancel()
			return false, d.Close(expired)
		case <-hup:
			if _, err := a.config(cmd); err != nil {
				log.Error("SIGHUP: the new configuration is invalid; keeping the running one", "error", err)
				continue
			}
			// Finish the drop in flight (a stop signal meanwhile aborts it), then start again.
			log.Info("SIGHUP: reloading the configuration after the drop in flight")
			return true, d.Close(ctx)
		}
	}
}
