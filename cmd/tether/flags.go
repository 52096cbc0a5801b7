//go:build !js

package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// usageError is a bad command line; it exits with status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// flagSet is a flag.FlagSet that accepts flags anywhere among the arguments
// and registers short and long names for one value. Both -name and --name work
// (the standard flag package accepts either).
type flagSet struct {
	fs  *flag.FlagSet
	set map[string]bool // names given on the command line, after parse
}

func newFlagSet(cmd string) *flagSet {
	fs := flag.NewFlagSet("tether "+cmd, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return &flagSet{fs: fs, set: map[string]bool{}}
}

// alias registers v under every name.
func (f *flagSet) alias(v flag.Value, names ...string) {
	for _, n := range names {
		f.fs.Var(v, n, "")
	}
}

// given reports whether any of names was on the command line.
func (f *flagSet) given(names ...string) bool {
	for _, n := range names {
		if f.set[n] {
			return true
		}
	}
	return false
}

// parse parses flags anywhere in args and returns the positional arguments.
// After "--" everything is positional.
func (f *flagSet) parse(args []string) ([]string, error) {
	var pos []string
	for {
		if err := f.fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, flagProblem(err, args)
		}
		rest := f.fs.Args()
		consumed := len(args) - len(rest)
		if consumed > 0 && args[consumed-1] == "--" {
			pos = append(pos, rest...)
			rest = nil
		}
		if len(rest) == 0 {
			f.fs.Visit(func(fl *flag.Flag) { f.set[fl.Name] = true })
			return pos, nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// flagProblem rewrites an error of the flag package without the argument it
// quotes: a mistyped flag or value may carry a credential.
func flagProblem(err error, args []string) error {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
		if slices.Contains(args, "-"+name) { // typed --name: not a glued -HValue
			name = "-" + name
		}
		return usagef("unknown flag %s", shownFlag(name))
	}
	if strings.HasPrefix(msg, "flag needs an argument: ") {
		return &usageError{msg: msg} // names the flag only
	}
	for _, prefix := range []string{"invalid value ", "invalid boolean value "} {
		if rest, ok := strings.CutPrefix(msg, prefix); ok {
			return usagef("%s: invalid value (not shown)", invalidFlag(rest))
		}
	}
	return usagef("bad flag syntax (argument not shown)")
}

// invalidFlag finds the flag in the rest of "invalid value %q for flag -%s: %v".
func invalidFlag(rest string) string {
	q, err := strconv.QuotedPrefix(rest)
	if err != nil {
		return "a flag"
	}
	rest = strings.TrimPrefix(strings.TrimPrefix(rest[len(q):], " for"), " flag")
	name, _, _ := strings.Cut(strings.TrimSpace(rest), ":")
	return shownFlag(name)
}

// listFlag is a repeatable string flag.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(s string) error {
	*l = append(*l, s)
	return nil
}
