//go:build !js

package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/tetherws/tether/internal/negotiate"
)

// Credentials can come from an environment variable or a file instead of
// the command line, so that they stay out of ps output and shell history:
// --header-from SOURCE ("Name: value" lines) and
// --subprotocol-credential-from SOURCE (one credential entry per line),
// where SOURCE is env:NAME or file:PATH. Blank lines and lines starting
// with # are skipped. Errors name the source and the line, never its content.

// sourceLine is one line of a source, with where it came from for errors.
type sourceLine struct {
	where string // e.g. `--header-from env:TOKEN line 2`
	text  string
}

// readSource returns the lines of SOURCE given to flag.
func readSource(flag, src string) ([]sourceLine, error) {
	kind, name, ok := strings.Cut(src, ":")
	var body string
	switch {
	case !ok || name == "":
		return nil, usagef("--%s %q: want env:NAME or file:PATH", flag, src)
	case kind == "env":
		v, set := os.LookupEnv(name)
		if !set {
			return nil, usagef("--%s %s: the environment variable is not set", flag, src)
		}
		body = v
	case kind == "file":
		b, err := os.ReadFile(name)
		if err != nil {
			return nil, usagef("--%s %s: %s", flag, src, fsReason(err))
		}
		body = string(b)
	default:
		return nil, usagef("--%s %q: want env:NAME or file:PATH", flag, src)
	}
	var out []sourceLine
	for i, l := range strings.Split(body, "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		out = append(out, sourceLine{where: fmt.Sprintf("--%s %s line %d", flag, src, i+1), text: l})
	}
	if len(out) == 0 {
		return nil, usagef("--%s %s: nothing in it", flag, src)
	}
	return out, nil
}

// addSourcedHeaders adds the --header-from headers.
func (c *connectConfig) addSourcedHeaders() error {
	for _, src := range c.headerFrom {
		lines, err := readSource("header-from", src)
		if err != nil {
			return err
		}
		for _, l := range lines {
			if err := c.addHeader(l.where, l.text); err != nil {
				return err
			}
		}
	}
	return nil
}

// readCredentials reads the --subprotocol-credential-from entries: offered
// after the -p entries, never selected, never shown.
func (c *connectConfig) readCredentials() error {
	for _, src := range c.credentialFrom {
		lines, err := readSource("subprotocol-credential-from", src)
		if err != nil {
			return err
		}
		for _, l := range lines {
			if !negotiate.IsToken(l.text) {
				return usagef("%s: not a valid subprotocol entry (an RFC 7230 token; not shown)", l.where)
			}
			c.credentials = append(c.credentials, l.text)
		}
	}
	return nil
}
