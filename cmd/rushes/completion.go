package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/rushes/rushes/catalog"
	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

// completeClips completes CLIP arguments with clip names (and ids) from the
// catalog; nothing when there is no catalog yet.
func (a *app) completeClips(cmd *cobra.Command, _ []string, prefix string) ([]string, cobra.ShellCompDirective) {
	clips, ok := a.completionClips(cmd, catalog.Filter{Limit: 2000, Sort: "ingested"})
	if !ok {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var out []string
	for _, c := range clips {
		if strings.HasPrefix(c.Name, prefix) {
			out = append(out, c.Name+"\t"+c.Date+" scene "+orDash(c.Scene)+" take "+orDash(c.Take))
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// completeScenes completes --scene with the scenes in the catalog.
func (a *app) completeScenes(cmd *cobra.Command, _ []string, prefix string) ([]string, cobra.ShellCompDirective) {
	cfg, err := a.config(cmd)
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	cat, err := a.openCatalog(cmd.Context(), cfg, true)
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	defer cat.Close()
	rows, err := cat.Scenes(cmd.Context(), catalog.Filter{})
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	seen := map[string]bool{}
	var out []string
	for _, r := range rows {
		if r.Scene != "unsorted" && !seen[r.Scene] && strings.HasPrefix(strings.ToLower(r.Scene), strings.ToLower(prefix)) {
			seen[r.Scene] = true
			out = append(out, r.Scene)
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

func (a *app) completionClips(cmd *cobra.Command, f catalog.Filter) ([]catalog.Clip, bool) {
	cfg, err := a.config(cmd)
	if err != nil {
		return nil, false
	}
	cat, err := a.openCatalog(cmd.Context(), cfg, true)
	if err != nil {
		return nil, false
	}
	defer cat.Close()
	clips, err := cat.Clips(cmd.Context(), f)
	return clips, err == nil
}

// manCmd writes man pages for every command (packagers run it; listed in
// --help like every other command, so a user finds it).
func (a *app) manCmd() *cobra.Command {
	var dir string
	cmd := &cobra.Command{
		Use:     "man",
		Short:   "Write man pages for every command into a folder",
		Example: "  rushes man --dir /usr/local/share/man/man1",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
			header := &doc.GenManHeader{Title: "RUSHES", Section: "1", Source: "rushes " + version}
			if err := doc.GenManTree(cmd.Root(), header, dir); err != nil {
				return fmt.Errorf("write man pages to %s: %w", dir, err)
			}
			fmt.Fprintf(a.stdout, "man pages written to %s\n", termSafe(dir))
			return nil
		},
	}
	cmd.Flags().StringVar(&dir, "dir", "man", "folder to write the pages to")
	return cmd
}
