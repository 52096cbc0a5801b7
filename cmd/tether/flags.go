//go:build !js

package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
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
			return nil, &usageError{msg: err.Error()}
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

// listFlag is a repeatable string flag.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(s string) error {
	*l = append(*l, s)
	return nil
}
