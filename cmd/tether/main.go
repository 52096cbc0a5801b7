//go:build !js

package main

import (
	"fmt"
	"io"
	"os"
)

// Exit statuses; see the package documentation.
const (
	exitOK      = 0 // done: --count reached, end of input, Ctrl-C
	exitFailed  = 1 // the connection ended with an error and no retry is left
	exitUsage   = 2 // a bad flag, argument or URL
	exitTimeout = 3 // --timeout reached
	exitUnsent  = 4 // done (as 0), but messages were reported unsent: not confirmed
)

// stdio is where a command reads and writes; tests substitute it.
type stdio struct {
	in       io.Reader
	out, err io.Writer
	inTTY    bool // stdin is a terminal
}

func main() {
	sio := stdio{in: os.Stdin, out: os.Stdout, err: os.Stderr, inTTY: isTerminal(os.Stdin)}
	os.Exit(run(os.Args[1:], sio))
}

// run dispatches to a command and returns the exit status.
func run(args []string, sio stdio) int {
	if len(args) == 0 {
		fmt.Fprint(sio.err, usageText)
		return exitUsage
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "connect":
		return runConnect(rest, sio)
	case "serve":
		return runServe(rest, sio)
	case "demo":
		return runDemo(rest, sio)
	case "bench":
		return runBench(rest, sio)
	case "version", "--version":
		return runVersion(rest, sio)
	case "help", "-h", "-help", "--help":
		return runHelp(rest, sio)
	}
	fmt.Fprintf(sio.err, "tether: unknown command %q\nRun 'tether help' for usage.\n", cmd)
	return exitUsage
}

// runHelp prints the overview, or one command's usage, on stdout.
func runHelp(args []string, sio stdio) int {
	if len(args) == 0 {
		fmt.Fprint(sio.out, usageText)
		return exitOK
	}
	text, ok := commandUsage[args[0]]
	if !ok {
		fmt.Fprintf(sio.err, "tether help: unknown command %q\n", args[0])
		return exitUsage
	}
	fmt.Fprint(sio.out, text)
	return exitOK
}

func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
