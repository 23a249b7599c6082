package config

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/pflag"
	"github.com/spf13/viper"
)

// Options say where Load looks. The zero value loads like the rushes binary: the process
// environment, the working directory and the standard search path.
type Options struct {
	// File is the configuration file to read. Empty: the --config flag in Flags, else
	// RUSHES_CONFIG, else the first file of Search that exists. A file named explicitly must
	// exist; finding none on the search path is fine (defaults apply).
	File string
	// Search is the list of files tried in order; nil means SearchPaths(opts).
	Search []string
	// Flags are the parsed flags (a cobra command's Flags()). A flag named FlagName(key) that the
	// user set overrides the key; flags the user did not set are ignored.
	Flags *pflag.FlagSet
	// Env is the environment as "KEY=value" lines; nil means os.Environ(). RUSHES_<KEY>
	// overrides a key; an empty variable counts as unset.
	Env []string
	// WorkDir resolves relative paths from flags, the environment and the defaults; empty means
	// the process's working directory.
	WorkDir string
}

// Load returns the effective configuration: defaults, overridden by the file, overridden by
// RUSHES_* variables, overridden by flags; then validated. Every error is an *Error or several
// joined, each naming the key and where the value came from. Load reports every problem it
// finds, not only the first.
func Load(opts Options) (*Config, error) {
	wd, env, err := opts.resolve()
	if err != nil {
		return nil, err
	}
	path, how, ferr := findFile(opts, wd, env)
	if ferr != nil {
		return nil, ferr
	}
	var file *fileData
	var errs []*Error // about the file and the environment as a whole
	if path != "" {
		if file, errs = readFile(path); file == nil {
			return nil, joinErrors(errs)
		}
	}
	settings, err := layer(file, env, opts.Flags, wd)
	if err != nil {
		return nil, err
	}
	errs = append(errs, envTypos(env)...)

	c, verrs := decode(settings, env["HOME"])
	c.file, c.sources[ConfigFlag] = path, how
	if file != nil {
		for sub, line := range file.lines {
			if root := rootKey(sub); root != sub && c.sources[root].Kind == FromFile {
				c.sources[sub] = Source{Kind: FromFile, Name: path, Line: line}
			}
		}
	}
	skip := failedKeys(append(verrs, errs...)) // one error per key: unknown, unparsable or invalid
	verrs = append(verrs, c.check(skip)...)
	slices.SortStableFunc(verrs, func(a, b *Error) int { return keyOrder(a.Key) - keyOrder(b.Key) })
	if errs = append(errs, verrs...); len(errs) > 0 {
		return nil, joinErrors(errs)
	}
	return c, nil
}

// layer stacks defaults, the file, the environment and the flags in one viper instance and
// returns each key's winning value with its origin.
func layer(file *fileData, env map[string]string, flags *pflag.FlagSet, wd string) (map[string]setting, error) {
	v := viper.New()
	sources := map[string]Source{}
	for _, k := range keys() {
		v.SetDefault(k.name, k.def)
		sources[k.name] = Source{Kind: FromDefault}
	}
	if file != nil {
		if err := v.MergeConfigMap(file.values); err != nil {
			src := Source{Kind: FromFile, Name: file.path}
			return nil, &Error{Problem: "merge config file: " + err.Error(), Source: src, Err: err}
		}
		for _, k := range keys() {
			if file.has(k.name) {
				sources[k.name] = Source{Kind: FromFile, Name: file.path, Line: file.lines[k.name]}
			}
		}
	}
	// Set is viper's top layer: applying the environment, then the flags, keeps flags on top.
	for _, k := range keys() {
		if val := env[EnvName(k.name)]; val != "" {
			v.Set(k.name, val)
			sources[k.name] = Source{Kind: FromEnv, Name: EnvName(k.name)}
		}
	}
	for _, k := range keys() {
		if val, ok := flagValue(flags, k); ok {
			v.Set(k.name, val)
			sources[k.name] = Source{Kind: FromFlag, Name: "--" + FlagName(k.name)}
		}
	}
	settings := map[string]setting{}
	for _, k := range keys() {
		s := setting{value: v.Get(k.name), source: sources[k.name], base: wd}
		if s.source.Kind == FromFile {
			s.base = filepath.Dir(file.path)
		}
		settings[k.name] = s
	}
	return settings, nil
}

// ValidateFile checks one configuration file on its own: its syntax, its keys and its values,
// with defaults for the keys it leaves out and no environment or flags.
func ValidateFile(path string) error {
	_, err := Load(Options{File: path, Env: []string{}})
	return err
}

// SearchPaths returns the files Load tries, in order, when no file is named: opts.Search when
// set, else ./rushes.yaml, $XDG_CONFIG_HOME/rushes/config.yaml (~/.config/rushes/config.yaml
// when XDG_CONFIG_HOME is unset), /etc/rushes/config.yaml.
func SearchPaths(opts Options) []string {
	if opts.Search != nil {
		return opts.Search
	}
	wd, env, err := opts.resolve()
	if err != nil {
		wd = "."
	}
	return searchPaths(wd, env)
}

func searchPaths(wd string, env map[string]string) []string {
	paths := []string{filepath.Join(wd, "rushes.yaml")}
	if xdg := env["XDG_CONFIG_HOME"]; filepath.IsAbs(xdg) { // the XDG spec ignores relative ones
		paths = append(paths, filepath.Join(xdg, "rushes", "config.yaml"))
	} else if home := env["HOME"]; home != "" {
		paths = append(paths, filepath.Join(home, ".config", "rushes", "config.yaml"))
	}
	return append(paths, filepath.Join(string(filepath.Separator), "etc", "rushes", "config.yaml"))
}

// resolve fills in the working directory and the environment.
func (o Options) resolve() (string, map[string]string, error) {
	wd := o.WorkDir
	if wd == "" {
		var err error
		if wd, err = os.Getwd(); err != nil {
			return "", nil, &Error{Problem: "working directory: " + err.Error(), Err: err}
		}
	}
	wd, _ = filepath.Abs(wd)
	lines := o.Env
	if lines == nil {
		lines = os.Environ()
	}
	env := make(map[string]string, len(lines))
	for _, l := range lines {
		if k, v, ok := strings.Cut(l, "="); ok {
			env[k] = v
		}
	}
	return wd, env, nil
}

// findFile returns the configuration file to read ("" for none) and how it was chosen.
func findFile(opts Options, wd string, env map[string]string) (string, Source, *Error) {
	explicit := func(p string, how Source) (string, Source, *Error) {
		if p = expandHome(p, env["HOME"]); !filepath.IsAbs(p) {
			p = filepath.Join(wd, p)
		}
		return p, how, nil // readFile reports a missing file
	}
	if opts.File != "" {
		return explicit(opts.File, Source{Kind: FromDefault, Name: "named by the caller"})
	}
	if p, ok := configFlag(opts.Flags); ok && p != "" {
		return explicit(p, Source{Kind: FromFlag, Name: "--" + ConfigFlag})
	}
	if p := env["RUSHES_CONFIG"]; p != "" {
		return explicit(p, Source{Kind: FromEnv, Name: "RUSHES_CONFIG"})
	}
	search := opts.Search
	if search == nil {
		search = searchPaths(wd, env)
	}
	for _, p := range search {
		fi, err := os.Stat(p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			continue
		case err != nil:
			// Unreadable is not absent: skipping it would silently drop the user's settings.
			problem := "cannot read config file: " + unwrapPath(err).Error()
			return "", Source{}, &Error{Problem: problem, Source: Source{Kind: FromFile, Name: p}, Err: err}
		case fi.IsDir():
			return "", Source{}, &Error{Problem: "config file is a directory", Source: Source{Kind: FromFile, Name: p}}
		}
		return p, Source{Kind: FromDefault, Name: "search path"}, nil
	}
	return "", Source{Kind: FromDefault, Name: "none found: " + strings.Join(search, ", ")}, nil
}

// envTypos reports RUSHES_ variables that look like a misspelt key. Others are left alone:
// scripts may use the prefix for their own purposes.
func envTypos(env map[string]string) []*Error {
	known := []string{"CONFIG"}
	for _, k := range keys() {
		known = append(known, strings.TrimPrefix(EnvName(k.name), "RUSHES_"))
	}
	var names []string
	for name := range env {
		if rest, ok := strings.CutPrefix(name, "RUSHES_"); ok && !slices.Contains(known, rest) {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	var errs []*Error
	for _, name := range names {
		if s := suggest(strings.TrimPrefix(name, "RUSHES_"), known, true); s != "" {
			errs = append(errs, &Error{Problem: "unknown variable (did you mean RUSHES_" + s + "?)",
				Value: env[name], Source: Source{Kind: FromEnv, Name: name}})
		}
	}
	return errs
}

// rootKey is the key an error's key belongs to: patterns for patterns[1], cameras for
// cameras.fx6.
func rootKey(k string) string {
	if i := strings.IndexByte(k, '['); i >= 0 {
		return k[:i]
	}
	if strings.HasPrefix(k, "cameras.") {
		return "cameras"
	}
	if strings.HasPrefix(k, "hooks.") {
		return "hooks"
	}
	return k
}

// keyOrder is the place of an error's key in the key table, so errors read in file order.
func keyOrder(k string) int {
	return slices.Index(KeyNames(), rootKey(k))
}

// failedKeys are the keys that already have an error, so validation does not report them twice.
func failedKeys(errs []*Error) map[string]bool {
	failed := map[string]bool{}
	for _, e := range errs {
		failed[rootKey(e.Key)] = true
	}
	return failed
}
