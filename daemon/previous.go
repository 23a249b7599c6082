package daemon

import (
	"encoding/json"
	"fmt"
	"os"
	"time"
)

// previousInterrupted reads the status the previous daemon on this library
// left and returns the drops it did not finish, as interrupted: the one in
// flight when it was killed (kill -9, a power cut) or stopped. They stay
// listed until they are resumed: the next drop of the same path replaces
// them. A missing or unreadable file means nothing was left.
func previousInterrupted(path string) []DropState {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	var prev Status
	if json.Unmarshal(b, &prev) != nil {
		return nil
	}
	var out []DropState
	seen := map[string]bool{}
	for _, d := range prev.Drops {
		if d.State != StateCopying && d.State != StateInterrupted {
			continue
		}
		if d.State == StateCopying {
			d.State = StateInterrupted
			d.Reason = died(prev)
		}
		seen[d.Path] = true
		out = append(out, d)
	}
	if in := prev.InFlight; in != nil && !seen[in.Drop] {
		out = append(out, DropState{Path: in.Drop, State: StateInterrupted, At: prev.Updated, Files: in.Files,
			Reason: died(prev)})
	}
	return out
}

func died(prev Status) string {
	return fmt.Sprintf("the daemon (pid %d) died during this drop, last heard of at %s; it resumes when its files are seen again",
		prev.PID, prev.Updated.Format(time.DateTime))
}
