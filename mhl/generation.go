package mhl

import (
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"time"
)

// Process types of a generation, as ASC MHL names them.
const (
	ProcessInPlace  = "in-place" // the files were hashed where they are (a seal or a verify)
	ProcessTransfer = "transfer" // the files were copied here and hashed on the way
	ProcessFlatten  = "flatten"
)

// Actions of a file hash, as ASC MHL names them.
const (
	ActionOriginal = "original" // the first hash recorded for the path
	ActionVerified = "verified" // re-hashed and equal to a hash recorded before
	ActionFailed   = "failed"   // re-hashed and different from a hash recorded before
)

// Entry is one hash of one file.
type Entry struct {
	Path     string // relative to the history root, slash-separated
	Size     int64
	ModTime  time.Time // left out when zero
	Algo     string    // xxh128, xxh64, xxh3, md5, sha1 (or c4)
	Hash     string    // lowercase hex as xxhsum prints it (a C4 id for c4)
	Action   string    // ActionOriginal (the default), ActionVerified or ActionFailed
	HashDate time.Time // when the file was hashed; the creation date when zero
}

// Rename records that a file the history knows moved inside the root. The
// generation lists the new path with <previousPath> naming the old one (the
// schema's element for it), and with the hashes known for the old path,
// marked original because they are the first at the new path, which is what
// the reference tool looks for. An Entry for the new path in the same
// generation takes precedence for its algorithm.
type Rename struct{ From, To string }

// Author is one <author> of a generation's creator info.
type Author struct{ Name, Email, Phone, Role string }

// CreatorInfo says who wrote a generation.
type CreatorInfo struct {
	Tool     string    // "rushes" when empty
	Version  string    // "dev" when empty
	Hostname string    // os.Hostname() when empty
	Date     time.Time // the creation date; now when zero
	Authors  []Author
	Location string
	Comment  string
}

// Generation is what Write records: the hashes of one event (an ingest, a
// verify) in the folder Root, whose history lives in Root/ascmhl.
type Generation struct {
	Root    string
	Entries []Entry // several entries of one path (different algorithms) make one <hash>
	Renames []Rename
	Creator CreatorInfo
	Process string   // ProcessInPlace (the default), ProcessTransfer or ProcessFlatten
	Ignore  []string // patterns a verify skips, added to the defaults and the latest generation's
}

// defaultIgnore is what the reference tool always writes.
func defaultIgnore() []string { return []string{".DS_Store", "ascmhl", "ascmhl/"} }

var emailPattern = regexp.MustCompile(`^[^@]+@[^.]+\..+$`)

// normalize fills the defaults of g and checks what the schema and a faithful
// record need, naming the offending value.
func normalize(g Generation) (Generation, error) {
	c := &g.Creator
	if c.Tool == "" {
		c.Tool = "rushes"
	}
	if c.Version == "" {
		c.Version = "dev"
	}
	if c.Hostname == "" {
		h, err := os.Hostname()
		if err != nil || h == "" {
			h = "unknown"
		}
		c.Hostname = h
	}
	if c.Date.IsZero() {
		c.Date = time.Now()
	}
	for _, a := range c.Authors {
		if a.Email != "" && !emailPattern.MatchString(a.Email) {
			return g, fmt.Errorf("author %s: email %q is not an address", a.Name, a.Email)
		}
	}
	if len(g.Entries) == 0 && len(g.Renames) == 0 {
		return g, fmt.Errorf("nothing to record: no entries and no renames")
	}
	if g.Process == "" {
		g.Process = ProcessInPlace
	}
	if !slices.Contains([]string{ProcessInPlace, ProcessTransfer, ProcessFlatten}, g.Process) {
		return g, fmt.Errorf("process %q (allowed: %s, %s, %s)", g.Process, ProcessInPlace, ProcessTransfer, ProcessFlatten)
	}
	for _, p := range g.Ignore {
		if strings.TrimSpace(p) == "" || !xmlSafe(p) {
			return g, fmt.Errorf("ignore pattern %q", p)
		}
	}
	g.Entries = slices.Clone(g.Entries)
	for i := range g.Entries {
		e := &g.Entries[i]
		if err := checkEntryPath(e.Path); err != nil {
			return g, err
		}
		if e.Action == "" {
			e.Action = ActionOriginal
		}
		if !validAction(e.Action) {
			return g, fmt.Errorf("%s: action %q (allowed: %s, %s, %s)", e.Path, e.Action, ActionOriginal, ActionVerified, ActionFailed)
		}
		if err := checkSum(e.Algo, e.Hash); err != nil {
			return g, fmt.Errorf("%s: %w", e.Path, err)
		}
		if e.Size < 0 {
			return g, fmt.Errorf("%s: size %d", e.Path, e.Size)
		}
		if e.HashDate.IsZero() {
			e.HashDate = c.Date
		}
	}
	for _, r := range g.Renames {
		if err := checkEntryPath(r.From); err != nil {
			return g, fmt.Errorf("rename: %w", err)
		}
		if err := checkEntryPath(r.To); err != nil {
			return g, fmt.Errorf("rename: %w", err)
		}
		if r.From == r.To {
			return g, fmt.Errorf("rename %s: to itself", r.From)
		}
	}
	return g, nil
}

// checkEntryPath accepts a path Write can record: relative, clean,
// slash-separated, inside the root but not in ascmhl/, and representable in
// XML as it is.
func checkEntryPath(p string) error {
	if _, err := checkPath(p); err != nil {
		return err
	}
	if first, _, _ := strings.Cut(p, "/"); first == historyDir {
		return fmt.Errorf("path %q: inside the history folder", p)
	}
	if !xmlSafe(p) {
		return fmt.Errorf("path %q: not valid UTF-8 or holds a character XML cannot carry", p)
	}
	return nil
}

func validAction(a string) bool {
	return a == ActionOriginal || a == ActionVerified || a == ActionFailed
}
