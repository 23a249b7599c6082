// Package crashpoint lets the crash tests kill a real rushes process at a
// named moment of its work (after the last file is verified and before the
// manifest is written, in the middle of a timecode move...), moments that a
// signal sent from outside cannot hit reliably. It is inert unless the
// environment names a point: RUSHES_CRASH_AT=name (or name#N to crash at
// the Nth time the point is reached). It owns nothing else.
package crashpoint

import (
	"os"
	"strconv"
	"strings"
	"sync"
)

// Env is the variable that names the point to crash at.
const Env = "RUSHES_CRASH_AT"

var (
	once  sync.Once
	name  string
	nth   int
	mu    sync.Mutex
	count int
)

func load() {
	v := os.Getenv(Env)
	name, nth = v, 1
	if i := strings.LastIndexByte(v, '#'); i >= 0 {
		name = v[:i]
		if n, err := strconv.Atoi(v[i+1:]); err == nil && n > 0 {
			nth = n
		}
	}
}

// Here kills the process at once, as kill -9 or a power cut would (no
// deferred function runs, nothing is flushed), when the environment names
// this point and it has been reached the named number of times.
func Here(point string) {
	once.Do(load)
	if name == "" || name != point {
		return
	}
	mu.Lock()
	count++
	hit := count == nth
	mu.Unlock()
	if hit {
		die()
	}
}
