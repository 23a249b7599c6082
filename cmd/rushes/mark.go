package main

import (
	"fmt"
	"os"
	"os/user"
	"strings"

	"github.com/rushes/rushes/catalog"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

func (a *app) markCmd() *cobra.Command {
	var circle, uncircle, ng, ok bool
	var rating int
	var tags, untags []string
	var scene, take string
	cmd := &cobra.Command{
		Use:   "mark CLIP...",
		Short: "Circle, rate, tag or mark clips NG, or set their scene and take by hand",
		Long: `Record review marks in the catalog (media files are never modified). A
circled take from the sound report (iXML) counts as circled until an editor
overrides it here. --scene and --take set the slate by hand; they win over
every other source.`,
		Example: `  rushes mark C0002 C0003 --circle --rating 4
  rushes mark A101_3 --ng --tag "boom in shot"
  rushes mark 42 --scene 47B --take 2`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var m catalog.Marks
			if circle && uncircle || ng && ok {
				return usagef("--circle/--uncircle and --ng/--ok exclude each other")
			}
			if circle || uncircle {
				m.Circled = &circle
			}
			if ng || ok {
				m.NG = &ng
			}
			if cmd.Flags().Changed("rating") {
				if rating < 0 || rating > 5 {
					return usagef("--rating: must be 0 to 5, got %d", rating)
				}
				m.Rating = &rating
			}
			if cmd.Flags().Changed("scene") {
				m.Scene = &scene
			}
			if cmd.Flags().Changed("take") {
				m.Take = &take
			}
			m.AddTags, m.RemoveTags = tags, untags
			if !anyMarkFlag(cmd) {
				return usagef("mark: nothing to mark: give at least one of %s (see rushes mark --help)", markFlagList(cmd))
			}
			return a.eachClip(cmd, args, func(cat *catalog.Catalog, c catalog.Clip) error {
				if err := cat.Mark(cmd.Context(), c.ID, m); err != nil {
					return err
				}
				fmt.Fprintf(a.stdout, "marked %d %s\n", c.ID, termSafe(c.Name))
				return nil
			})
		},
	}
	f := cmd.Flags()
	f.BoolVar(&circle, "circle", false, "circle the take")
	f.BoolVar(&uncircle, "uncircle", false, "uncircle the take")
	f.IntVar(&rating, "rating", 0, "rating 0-5")
	f.BoolVar(&ng, "ng", false, "mark no good")
	f.BoolVar(&ok, "ok", false, "clear the NG mark")
	f.StringArrayVar(&tags, "tag", nil, "add a tag (repeatable)")
	f.StringArrayVar(&untags, "untag", nil, "remove a tag (repeatable)")
	f.StringVar(&scene, "scene", "", "set the scene by hand")
	f.StringVar(&take, "take", "", "set the take by hand")
	return cmd
}

// markFlags are mark's own flags: the marks it can set.
func markFlags(cmd *cobra.Command) []*pflag.Flag {
	var flags []*pflag.Flag
	cmd.LocalNonPersistentFlags().VisitAll(func(f *pflag.Flag) {
		if f.Name != "help" {
			flags = append(flags, f)
		}
	})
	return flags
}

// anyMarkFlag reports whether the user set any of mark's flags: without one,
// "marked" would be printed for a clip nothing happened to.
func anyMarkFlag(cmd *cobra.Command) bool {
	for _, f := range markFlags(cmd) {
		if f.Changed {
			return true
		}
	}
	return false
}

func markFlagList(cmd *cobra.Command) string {
	var names []string
	for _, f := range markFlags(cmd) {
		names = append(names, "--"+f.Name)
	}
	return strings.Join(names, ", ")
}

func (a *app) noteCmd() *cobra.Command {
	return &cobra.Command{
		Use:     "note CLIP TEXT",
		Short:   "Add a note to a clip, with the time and your user name",
		Example: `  rushes note C0002 "boom in frame at the end"`,
		Args:    cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.eachClip(cmd, args[:1], func(cat *catalog.Catalog, c catalog.Clip) error {
				if err := cat.AddNote(cmd.Context(), c.ID, author(), args[1]); err != nil {
					return err
				}
				fmt.Fprintf(a.stdout, "noted %d %s\n", c.ID, termSafe(c.Name))
				return nil
			})
		},
	}
}

// eachClip resolves every CLIP argument first (so a typo changes nothing),
// then applies fn to each.
func (a *app) eachClip(cmd *cobra.Command, refs []string, fn func(*catalog.Catalog, catalog.Clip) error) error {
	cfg, err := a.config(cmd)
	if err != nil {
		return err
	}
	cat, err := a.openCatalog(cmd.Context(), cfg, true)
	if err != nil {
		return err
	}
	defer cat.Close()
	var clips []catalog.Clip
	for _, ref := range refs {
		c, err := cat.FindClip(cmd.Context(), ref)
		if err != nil {
			return err
		}
		clips = append(clips, c)
	}
	for _, c := range clips {
		if err := fn(cat, c); err != nil {
			return err
		}
	}
	return nil
}

func author() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	if u := os.Getenv("USER"); u != "" {
		return u
	}
	return "unknown"
}
