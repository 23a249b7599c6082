// Package config owns rushes' typed configuration: its keys and defaults, loading them from a
// YAML file, RUSHES_* environment variables and flags (in that order of precedence, through
// viper), and validating every value with errors that name the key, the value and what is
// allowed.
//
// It never creates directories, never opens the catalog and never writes a file: it only reads
// the configuration file and looks at (stats) the paths it names. Writing the starter file is
// the caller's job; StarterFile only returns its bytes.
//
// Relative paths are resolved once, at load time: against the configuration file's folder for
// values from the file, against the working directory for defaults, environment and flags. A
// loaded Config holds absolute paths only.
package config

import (
	"log/slog"
	"path/filepath"
	"strings"
	"time"
)

// Config is the effective configuration. Load fills it; Defaults gives the one used with no
// file, no environment and no flags.
type Config struct {
	Library    string            // root of the organized library tree (absolute)
	Catalog    string            // SQLite catalog file (absolute); default <Library>/.rushes/catalog.db
	Watch      []string          // ingest roots the daemon watches (absolute)
	Layout     string            // library path template, tokens from LayoutTokens
	Hash       string            // checksum algorithm, one of Hashes
	Backups    []string          // extra destinations written in the same pass (absolute)
	Mode       string            // ModeCopy or ModeMove
	Settle     time.Duration     // how long a file must stay unchanged to count as complete
	MinOverlap time.Duration     // shortest timecode overlap for a scene match
	Timezone   *time.Location    // zone shooting days are counted in
	DayStart   time.Duration     // time after midnight a shooting day starts (key day_starts)
	Cameras    map[string]string // body serial or model -> camera letter; see CameraLetter
	Hooks      map[string]string // event (HookEvents) -> shell command the daemon runs
	Patterns   []string          // regexes with named groups scene, take, camera, reel
	Ignore     []string          // extra name globs to skip, on top of BuiltinIgnore
	Log        Log

	file    string            // configuration file read; empty when none
	sources map[string]Source // key (and file sub-key such as "patterns[1]") -> origin
}

// Log configures the daemon's and the commands' logging.
type Log struct {
	Level  string // debug, info, warn, error
	Format string // text, json
}

// HookEvents are the events a hook may be set for.
func HookEvents() []string { return []string{"safe", "failed", "attention"} }

// Values of Config.Mode.
const (
	ModeCopy = "copy" // the source is never touched
	ModeMove = "move" // source files are deleted once every copy is verified
)

// Values of Config.Hash, as xxhsum and ASC MHL name them.
const (
	HashXXH128 = "xxh128"
	HashXXH64  = "xxh64"
	HashXXH3   = "xxh3"
	HashMD5    = "md5"
	HashSHA1   = "sha1"
)

// Hashes returns the allowed values of the hash key, the default first.
func Hashes() []string { return []string{HashXXH128, HashXXH64, HashXXH3, HashMD5, HashSHA1} }

// Modes returns the allowed values of the mode key, the default first.
func Modes() []string { return []string{ModeCopy, ModeMove} }

// LogLevels returns the allowed values of log.level.
func LogLevels() []string { return []string{"debug", "info", "warn", "error"} }

// LogFormats returns the allowed values of log.format.
func LogFormats() []string { return []string{"text", "json"} }

// LayoutTokens returns the tokens a layout template may use, without braces. Each call returns
// a new slice.
func LayoutTokens() []string {
	return []string{"date", "year", "month", "day", "scene", "take", "camera", "reel", "card",
		"kind", "name", "stem", "ext"}
}

// PatternGroups returns the named groups a pattern may capture.
func PatternGroups() []string { return []string{"scene", "take", "camera", "reel"} }

// BuiltinIgnore returns the name globs always skipped: operating system litter that never
// holds footage.
func BuiltinIgnore() []string {
	return []string{".DS_Store", "._*", "Thumbs.db", "desktop.ini", ".Trashes", ".Spotlight-*",
		".fseventsd", ".TemporaryItems", ".DocumentRevisions-V100"}
}

// Defaults returns the configuration used when nothing is configured, with relative default
// paths (./library, ./ingest) made absolute against workDir.
func Defaults(workDir string) *Config {
	c, errs := decode(defaultValues(workDir), "")
	if len(errs) > 0 {
		panic("config: invalid built-in default: " + errs[0].Error())
	}
	return c
}

// DefaultCatalog is where the catalog lives when the catalog key is not set.
func DefaultCatalog(library string) string {
	return filepath.Join(library, ".rushes", "catalog.db")
}

// IgnoreGlobs returns the built-in globs followed by the configured ones.
func (c *Config) IgnoreGlobs() []string {
	return append(BuiltinIgnore(), c.Ignore...)
}

// CameraLetter returns the camera letter configured for a body serial number or model name.
// Keys match without regard to case: viper folds configuration keys to lower case.
func (c *Config) CameraLetter(serialOrModel string) (string, bool) {
	if serialOrModel == "" {
		return "", false
	}
	for k, letter := range c.Cameras {
		if strings.EqualFold(k, serialOrModel) {
			return letter, true
		}
	}
	return "", false
}

// File returns the configuration file that was read, or "" when none was.
func (c *Config) File() string { return c.file }

// SlogLevel returns the log level as a slog.Level (info for an unknown level).
func (l Log) SlogLevel() slog.Level {
	switch l.Level {
	case "debug":
		return slog.LevelDebug
	case "warn":
		return slog.LevelWarn
	case "error":
		return slog.LevelError
	}
	return slog.LevelInfo
}
