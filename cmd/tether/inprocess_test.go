//go:build !js

package main

import (
	"io"
	"strings"
	"testing"
)

// runInProcess runs the command's run function in this process (no binary,
// no process start: fast enough to repeat a scenario many times) and returns
// what it printed. stdin nil means an empty stdin.
func runInProcess(t *testing.T, stdin io.Reader, args ...string) result {
	t.Helper()
	if stdin == nil {
		stdin = strings.NewReader("")
	}
	var out, errOut lockedBuffer
	code := run(args, stdio{in: stdin, out: &out, err: &errOut})
	return result{code: code, stdout: out.String(), stderr: errOut.String()}
}

// decodeAll decodes every --json line of r.
func decodeAll(t *testing.T, r result) []event {
	t.Helper()
	var evs []event
	for _, l := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		if l != "" {
			evs = append(evs, decode(t, l))
		}
	}
	return evs
}
