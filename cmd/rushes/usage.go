package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

// enforceUsage makes every wrong invocation a usage error (exit 2): cobra's
// own argument checks (ExactArgs, NoArgs ...) and its unknown-command error
// are plain errors, which would exit 1 like failed work. Flag errors go
// through the root's FlagErrorFunc already. Groups (rushes, rushes config)
// print their help when called bare, and name an unknown subcommand with
// the closest real ones.
func enforceUsage(root *cobra.Command) {
	root.InitDefaultCompletionCmd() // now, not at Execute, so it is walked too
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		switch {
		case c.HasSubCommands():
			c.Args = unknownSubcommand
			if c.SuggestionsMinimumDistance <= 0 {
				c.SuggestionsMinimumDistance = 2 // cobra's own default, set only on its path
			}
			if c.Run == nil && c.RunE == nil {
				c.RunE = func(cmd *cobra.Command, _ []string) error { return cmd.Help() }
			}
		case c.Args != nil:
			c.Args = usageArgs(c.Args)
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// usageArgs wraps an argument check so its error is a usage error naming
// the command's usage line.
func usageArgs(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		err := check(cmd, args)
		if err == nil {
			return nil
		}
		msg := err.Error() // "accepts 1 arg(s), received 0" does not say whose
		if !strings.Contains(msg, cmd.CommandPath()) {
			msg = cmd.CommandPath() + ": " + msg
		}
		return usagef("%s (usage: %s; see %s --help)", msg, cmd.UseLine(), cmd.CommandPath())
	}
}

// unknownSubcommand is the argument check of a command group: any argument
// is a subcommand that does not exist.
func unknownSubcommand(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	msg := fmt.Sprintf("unknown command %q for %q", args[0], cmd.CommandPath())
	if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
		msg += " (did you mean " + strings.Join(s, " or ") + "?)"
	}
	return usagef("%s; see %s --help", msg, cmd.CommandPath())
}
