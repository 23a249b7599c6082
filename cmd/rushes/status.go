package main

import (
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/rushes/rushes/daemon"
	"github.com/spf13/cobra"
)

func (a *app) statusCmd() *cobra.Command {
	var out formatFlags
	cmd := &cobra.Command{
		Use:   "status",
		Short: "Whether the daemon runs, what it watches, what is queued, in flight, safe or failed",
		Long: `Show what the daemon on this library is doing: its pid and start time, each
watched root and how (file events or polling), files still settling, drops
queued, the drop in flight with its progress, each recent drop's state —
copying, safe (every file verified on every destination: the card may be
formatted) or failed, with the reason — and recent errors. Works while the
daemon is busy; says plainly when no daemon runs (exit status 0 either way).`,
		Example: "  rushes status\n  rushes status --json | jq '.drops[] | select(.state == \"safe\") | .path'",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			format, cfg, err := a.prepare(cmd, &out)
			if err != nil {
				return err
			}
			st, running, err := daemon.ReadStatus(cfg.Library)
			if err != nil {
				return err
			}
			if format == "json" {
				// The status' own keys at the top, as the README's jq '.drops[]' expects;
				// with no daemon running, only these two.
				return writeJSON(a.stdout, struct {
					Running bool   `json:"running"`
					Library string `json:"library"`
					*daemon.Status
				}{running, cfg.Library, statusOrNil(st, running)})
			}
			if !running {
				_, err := fmt.Fprintf(a.stdout, "no rushes daemon is running on %s (start one with: rushes daemon)\n", termSafe(cfg.Library))
				return err
			}
			return printStatus(a.stdout, st)
		},
	}
	out.register(cmd)
	return cmd
}

func statusOrNil(st daemon.Status, running bool) *daemon.Status {
	if !running {
		return nil
	}
	return &st
}

func printStatus(w io.Writer, st daemon.Status) error {
	fmt.Fprintf(w, "daemon  pid %d, running since %s\n", st.PID, st.Since.Format("2006-01-02 15:04:05"))
	for _, r := range st.Roots {
		state := r.Mode
		if r.Why != "" {
			state += " (" + r.Why + ")"
		}
		if r.Missing {
			state += ", missing"
		}
		fmt.Fprintf(w, "watch   %s  %s, %d files\n", termSafe(r.Path), termSafe(state), r.Files)
	}
	fmt.Fprintf(w, "files   %d settling (%d open by a writer), %d ready\n", st.Settling, st.Open, st.Ready)
	for _, q := range st.Queued {
		fmt.Fprintf(w, "queued  %s\n", termSafe(q))
	}
	if in := st.InFlight; in != nil {
		fmt.Fprintf(w, "copying %s: file %d of %d, %s of %s, now %s\n", termSafe(in.Drop), in.FilesDone+1, in.Files,
			humanBytes(in.BytesDone), humanBytes(in.Bytes), termSafe(in.File))
	}
	t := table{header: []string{"DROP", "STATE", "FILES", "COPIED", "KNOWN", "FAILED", "AT", "REASON"}}
	for _, d := range st.Drops {
		t.rows = append(t.rows, []string{d.Path, d.State, strconv.Itoa(d.Files), strconv.Itoa(d.Copied),
			strconv.Itoa(d.Known), strconv.Itoa(d.Failed), d.At.Format(time.TimeOnly), d.Reason})
	}
	if len(t.rows) > 0 {
		fmt.Fprintln(w)
		if err := t.writeTable(w); err != nil {
			return err
		}
	}
	for _, e := range st.Errors {
		fmt.Fprintf(w, "error   %s\n", termSafe(e))
	}
	return nil
}
