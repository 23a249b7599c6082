package config

import "strings"

// shape is what a key's value looks like in YAML.
type shape int

const (
	scalar  shape = iota
	list          // a sequence; comma-separated (or envSep) in the environment
	mapping       // a mapping; "K=V,K=V" in the environment
)

// key describes one configuration key: the single table that drives defaults, environment
// variable and flag names, the starter file and the suggestions for misspelt keys.
type key struct {
	name    string // "hash", "log.level"
	shape   shape
	path    bool   // holds path(s), resolved against the file's folder or the working dir
	envSep  string // separator of list items in RUSHES_<KEY>; "," when empty
	def     any    // default, as the starter file writes it
	allowed []string
	help    string // why the key exists, for the starter file
	usage   string // flag help; empty for keys without a flag form
	example string // commented example for the starter file
}

func keys() []key {
	return []key{{
		name: "library", path: true, def: "./library",
		usage: "root of the organized library tree",
		help: "Root of the organized library tree. Created when missing, but its parent folder " +
			"must exist, so an unmounted drive fails at start instead of filling the system disk.",
	}, {
		name: "catalog", path: true, def: "",
		usage: "SQLite catalog file (default <library>/.rushes/catalog.db)",
		help:  "SQLite catalog file. Empty: <library>/.rushes/catalog.db, so it follows library.",
	}, {
		name: "watch", shape: list, path: true, def: []string{"./ingest"},
		usage:   "ingest root to watch (repeatable)",
		help:    "Ingest roots the daemon watches for cards and folders. The source is never modified.",
		example: "watch:\n  - ./ingest\n  - /mnt/nas/drop",
	}, {
		name: "layout", def: "{date}/{scene}/{camera}/{name}", allowed: braced(LayoutTokens()),
		usage: `library path template (default "{date}/{scene}/{camera}/{name}")`,
		help: "Library path of each file. Quote it: a bare { starts a YAML mapping. A missing " +
			"value renders as unsorted (scene) or unknown; values are sanitized into one path segment.",
	}, {
		name: "hash", def: HashXXH128, allowed: Hashes(),
		usage: "checksum: xxh128 (default), xxh64, xxh3, md5, sha1",
		help:  "Checksum written to the catalog and the ASC MHL manifests, hex as xxhsum prints it.",
	}, {
		name: "backups", shape: list, path: true, def: []string{},
		usage:   "extra destination written in the same pass (repeatable)",
		help:    "Extra destinations written and verified in the same pass as the library.",
		example: "backups:\n  - /Volumes/SHUTTLE_1/library",
	}, {
		name: "mode", def: ModeCopy, allowed: Modes(),
		usage: "copy (default), or move: delete sources once every copy is verified",
		help:  "copy leaves the source alone; move deletes a source file once every copy is verified.",
	}, {
		name: "settle", def: "5s",
		usage: "how long a file must stay unchanged, such as 30s (default 5s)",
		help:  "How long a file must stay unchanged before it counts as completely written (30s, 2m).",
	}, {
		name: "min_overlap", def: "1s",
		usage: "shortest timecode overlap for a scene match, such as 2s (default 1s)",
		help: "Shortest timecode overlap between a picture clip and a sound take for the picture " +
			"to take the take's scene; ties never count.",
	}, {
		name: "timezone", def: "Local",
		usage: "zone of shooting days: Local (default), UTC or an IANA name",
		help:  "Zone shooting days are counted in: Local, UTC or an IANA name such as Europe/Paris.",
	}, {
		name: "day_starts", def: "00:00",
		usage: "time a shooting day starts, HH:MM (default 00:00)",
		help:  "When a shooting day starts (HH:MM). 05:00 keeps a night shoot on one day.",
	}, {
		name: "cameras", shape: mapping, def: map[string]any{},
		usage: "camera letters as SERIAL_OR_MODEL=LETTER, comma-separated",
		help: "Camera letter by body serial number or model name, as read from the clips. " +
			"Matched without regard to case.",
		example: "cameras:\n  ILME-FX6V: A\n  \"0012345\": B",
	}, {
		name: "hooks", shape: mapping, def: map[string]any{},
		usage: "commands run on events as EVENT=COMMAND: safe, failed, attention",
		help: "Commands the daemon runs (with sh -c) when a drop is safe (every file verified on " +
			"every destination), when it failed, and when a file needs attention; the drop's " +
			"summary is JSON on standard input. A hook that fails is logged; one still running " +
			"after 30s is stopped and logged. A hook never blocks ingest.",
		example: "hooks:\n  safe: notify-send 'rushes' 'card safe to format'\n  failed: /usr/local/bin/post-to-chat",
	}, {
		name: "patterns", shape: list, envSep: "\n", def: []string{},
		usage: "name regex with groups scene, take, camera, reel (repeatable)",
		help: "Regexes matched on file and folder names, besides the built-in camera naming " +
			"schemes. Each captures named groups among scene, take, camera, reel. " +
			"Newline-separated in RUSHES_PATTERNS.",
		example: "patterns:\n  - '^Sc(?P<scene>\\d+[A-Z]?)_T(?P<take>\\d+)'",
	}, {
		name: "ignore", shape: list, def: []string{},
		usage:   "name glob to skip, besides the built-in ones (repeatable)",
		help:    "Name globs to skip, on top of the built-in ones: " + strings.Join(BuiltinIgnore(), " "),
		example: "ignore:\n  - '*.tmp'\n  - PROXY",
	}, {
		name: "log.level", def: "info", allowed: LogLevels(),
		usage: "log level: debug, info (default), warn, error",
		help:  "How much the daemon and the commands log.",
	}, {
		name: "log.format", def: "text", allowed: LogFormats(),
		usage: "log format: text (default) or json",
		help:  "Log line format: text for people, json for log collectors.",
	}}
}

// keyNamed returns the key called name.
func keyNamed(name string) (key, bool) {
	for _, k := range keys() {
		if k.name == name {
			return k, true
		}
	}
	return key{}, false
}

// KeyNames returns every configuration key, in the order config show and the starter file use.
func KeyNames() []string {
	var names []string
	for _, k := range keys() {
		names = append(names, k.name)
	}
	return names
}

// EnvName returns the environment variable that overrides key: RUSHES_LOG_LEVEL for log.level.
func EnvName(key string) string {
	return "RUSHES_" + strings.ToUpper(strings.ReplaceAll(key, ".", "_"))
}

// FlagName returns the flag that overrides key: log-level for log.level, day-starts for
// day_starts.
func FlagName(key string) string {
	return strings.NewReplacer(".", "-", "_", "-").Replace(key)
}

// flagUsage is the flag help of k, naming the variable that does the same.
func (k key) flagUsage() string {
	return k.usage + " (env " + EnvName(k.name) + ")"
}

func braced(tokens []string) []string {
	out := make([]string, len(tokens))
	for i, t := range tokens {
		out[i] = "{" + t + "}"
	}
	return out
}
