package config

import (
	"fmt"

	"github.com/spf13/pflag"
)

// ConfigFlag is the flag naming the configuration file; RUSHES_CONFIG does the same.
const ConfigFlag = "config"

// SharedKeys are the keys RegisterFlags turns into flags: the ones every command may need.
func SharedKeys() []string {
	return []string{"library", "catalog", "hash", "layout", "mode", "log.level", "log.format"}
}

// RegisterFlags defines --config and a flag for each of SharedKeys (--library, --catalog,
// --hash, --layout, --mode, --log-level, --log-format) on fs, typically the root command's
// persistent flags. The flags have no default of their own: one the user did not set never
// overrides the file or the environment.
func RegisterFlags(fs *pflag.FlagSet) {
	fs.String(ConfigFlag, "", "configuration file (default: first of ./rushes.yaml, "+
		"$XDG_CONFIG_HOME/rushes/config.yaml, /etc/rushes/config.yaml) (env RUSHES_CONFIG)")
	RegisterKeyFlags(fs, SharedKeys()...)
}

// RegisterKeyFlags defines a flag named FlagName(key) for each key, for commands that take more
// than the shared ones (the daemon: "watch", "settle", "backups"). List keys become repeatable
// flags (--watch A --watch B, or --watch A,B); cameras takes FX6=A,0012345=B. It panics on an
// unknown key: that is a programming error.
func RegisterKeyFlags(fs *pflag.FlagSet, keys ...string) {
	for _, name := range keys {
		k, ok := keyNamed(name)
		if !ok {
			panic(fmt.Sprintf("config: no key %q", name))
		}
		switch {
		case k.shape == list && k.envSep == "\n":
			fs.StringArray(FlagName(name), nil, k.flagUsage())
		case k.shape == list:
			fs.StringSlice(FlagName(name), nil, k.flagUsage())
		default:
			fs.String(FlagName(name), "", k.flagUsage())
		}
	}
}

// flagValue returns the value of the flag overriding k, if the user set one.
func flagValue(fs *pflag.FlagSet, k key) (any, bool) {
	if fs == nil {
		return nil, false
	}
	f := fs.Lookup(FlagName(k.name))
	if f == nil || !f.Changed {
		return nil, false
	}
	if sv, ok := f.Value.(pflag.SliceValue); ok {
		return sv.GetSlice(), true
	}
	return f.Value.String(), true
}

// configFlag returns the --config value, if the user set it.
func configFlag(fs *pflag.FlagSet) (string, bool) {
	if fs == nil {
		return "", false
	}
	f := fs.Lookup(ConfigFlag)
	if f == nil || !f.Changed {
		return "", false
	}
	return f.Value.String(), true
}
