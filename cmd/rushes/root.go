package main

import (
	"context"
	"errors"
	"io"
	"log/slog"

	"github.com/rushes/rushes/catalog"
	"github.com/rushes/rushes/config"
	"github.com/spf13/cobra"
)

// app carries what every command needs: its streams, and how to load the
// configuration and open the catalog. It holds no other state.
type app struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// run executes the command line and returns the exit status.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	stderr = &lockedWriter{w: stderr} // the log and the progress lines come from many goroutines
	a := &app{stdin: stdin, stdout: stdout, stderr: stderr}
	root := a.rootCmd()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if err != nil {
		printError(stderr, err)
	}
	return exitCode(err)
}

func (a *app) rootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "rushes",
		Short: "Offload, organize and catalog film and video footage",
		Long: `rushes offloads camera and sound cards with checksum-verified copies into a
library grouped by shooting day and scene, indexes every clip in SQLite, and
answers editors' questions about it from the shell.

Exit status: 0 success, 1 the work failed (a file not verified, a clip not
found), 2 bad usage or configuration.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	config.RegisterFlags(root.PersistentFlags())
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(
		a.daemonCmd(), a.ingestCmd(), a.probeCmd(), a.clipsCmd(), a.showCmd(), a.scenesCmd(),
		a.markCmd(), a.noteCmd(), a.exportCmd(), a.verifyCmd(), a.statusCmd(), a.configCmd(),
		a.versionCmd(), a.manCmd(),
	)
	enforceUsage(root)
	for _, c := range root.Commands() {
		switch c.Name() {
		case "show", "mark", "note":
			c.ValidArgsFunction = a.completeClips
		}
		if c.Flags().Lookup("scene") != nil {
			c.RegisterFlagCompletionFunc("scene", a.completeScenes)
		}
	}
	return root
}

// config loads the effective configuration for cmd: defaults, file,
// RUSHES_* variables, then cmd's flags.
func (a *app) config(cmd *cobra.Command) (*config.Config, error) {
	return config.Load(config.Options{Flags: cmd.Flags()})
}

// prepare does what every listing command does first: resolve the output
// format (before any work, so a bad --format costs nothing) and load the
// configuration.
func (a *app) prepare(cmd *cobra.Command, out *formatFlags, extra ...string) (string, *config.Config, error) {
	format, err := out.resolve(a.stdout, extra...)
	if err != nil {
		return "", nil, err
	}
	cfg, err := a.config(cmd)
	return format, cfg, err
}

// logger returns the slog logger the configuration asks for, on stderr.
// Both formats are safe on a terminal: the text handler quotes every value
// holding a control or format character (strconv.Quote: \x1b, \u202e), and
// the JSON handler's records pass through jsonTermSafe, since slog leaves C1
// controls and bidi characters raw inside JSON strings.
func (a *app) logger(cfg *config.Config) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.Log.SlogLevel()}
	if cfg.Log.Format == "json" {
		return slog.New(slog.NewJSONHandler(jsonSafeWriter{a.stderr}, opts))
	}
	return slog.New(slog.NewTextHandler(a.stderr, opts))
}

// openCatalog opens the configured catalog. Query commands pass mustExist so
// that asking before the first ingest does not create an empty library.
func (a *app) openCatalog(ctx context.Context, cfg *config.Config, mustExist bool) (*catalog.Catalog, error) {
	return catalog.Open(ctx, cfg.Catalog, catalog.Options{Library: cfg.Library, MustExist: mustExist})
}

// queryCatalog opens the catalog for a listing; no catalog yet is an empty
// listing, said on stderr.
func (a *app) queryCatalog(ctx context.Context, cfg *config.Config) (*catalog.Catalog, bool, error) {
	cat, err := a.openCatalog(ctx, cfg, true)
	if errors.Is(err, catalog.ErrNoCatalog) {
		printError(a.stderr, err)
		return nil, false, nil
	}
	return cat, err == nil, err
}
