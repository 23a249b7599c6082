package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/rushes/rushes/config"
	"github.com/spf13/cobra"
)

func (a *app) configCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Write, inspect and check the configuration",
		Long: `rushes reads a YAML file (--config, else ./rushes.yaml,
$XDG_CONFIG_HOME/rushes/config.yaml, /etc/rushes/config.yaml), then RUSHES_<KEY>
environment variables, then flags; each overrides the one before. With no file
at all, the defaults work: ./ingest is offloaded into ./library.`,
	}
	cmd.AddCommand(a.configInitCmd(), a.configShowCmd(), a.configValidateCmd())
	return cmd
}

func (a *app) configInitCmd() *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:     "init [FILE]",
		Short:   "Write a commented starter configuration (default ./rushes.yaml)",
		Example: "  rushes config init\n  rushes config init ~/.config/rushes/config.yaml",
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			path := "rushes.yaml"
			if len(args) == 1 {
				path = args[0]
			}
			flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
			if force {
				flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
			}
			f, err := os.OpenFile(path, flags, 0o644)
			if errors.Is(err, fs.ErrExist) {
				return usagef("%s exists; use --force to replace it", path)
			}
			if err != nil {
				return fmt.Errorf("write %s: %w", path, err)
			}
			if _, err := f.Write(config.StarterFile()); err != nil {
				f.Close()
				return fmt.Errorf("write %s: %w", path, err)
			}
			if err := f.Close(); err != nil {
				return fmt.Errorf("write %s: %w", path, err)
			}
			fmt.Fprintf(a.stdout, "wrote %s; check it with: rushes config validate %s\n", termSafe(path), termSafe(path))
			return nil
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "replace an existing file")
	return cmd
}

func (a *app) configShowCmd() *cobra.Command {
	var out formatFlags
	cmd := &cobra.Command{
		Use:     "show",
		Short:   "Print every effective setting and where it came from",
		Example: "  rushes config show\n  RUSHES_HASH=md5 rushes config show --json",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			format, cfg, err := a.prepare(cmd, &out)
			if err != nil {
				return err
			}
			rows := cfg.Sources()
			if format == "json" {
				return writeJSON(a.stdout, rows)
			}
			t := table{header: []string{"KEY", "VALUE", "FROM"}}
			if format == "csv" {
				t.header = []string{"key", "value", "from"}
			}
			for _, s := range rows {
				t.rows = append(t.rows, []string{s.Key, s.Text(), s.Source.String()})
			}
			if format == "csv" {
				return t.writeCSV(a.stdout)
			}
			return t.writeTable(a.stdout)
		},
	}
	out.register(cmd)
	return cmd
}

func (a *app) configValidateCmd() *cobra.Command {
	return &cobra.Command{
		Use:     "validate [FILE]",
		Short:   "Check a configuration file (default: the one rushes would read)",
		Example: "  rushes config validate rushes.yaml",
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				if err := config.ValidateFile(args[0]); err != nil {
					return err
				}
				fmt.Fprintf(a.stdout, "%s is valid\n", termSafe(args[0]))
				return nil
			}
			cfg, err := a.config(cmd)
			if err != nil {
				return err
			}
			if cfg.File() == "" {
				fmt.Fprintln(a.stdout, "no configuration file found; the defaults are valid")
				return nil
			}
			fmt.Fprintf(a.stdout, "%s is valid\n", termSafe(cfg.File()))
			return nil
		},
	}
}
