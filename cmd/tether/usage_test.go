//go:build !js

package main

import (
	"strings"
	"testing"
)

func TestUsageErrorsExit2(t *testing.T) {
	t.Parallel()
	const u = "ws://127.0.0.1:9/echo"
	for _, tc := range []struct {
		name string
		args []string
		want string // in stderr
	}{
		{"no args", nil, "Usage:"},
		{"unknown command", []string{"bogus"}, `unknown command "bogus"`},
		{"missing URL", []string{"connect"}, "missing URL"},
		{"bad scheme", []string{"connect", "ftp://example.com/x"}, `invalid URL "ftp://example.com/x"`},
		{"no host", []string{"connect", "ws:///path"}, "no host"},
		{"no scheme", []string{"connect", "example.com"}, "invalid URL (not shown): no scheme"},
		{"redacted bad URL", []string{"connect", "ftp://h/?token=secret"}, "token=REDACTED"},
		{"extra argument", []string{"connect", u, "extra"}, "unexpected argument after the URL"},
		{"unknown flag", []string{"connect", "--bogus", u}, "-bogus"},
		{"bad duration", []string{"connect", u, "--reconnect-initial", "abc"}, "-reconnect-initial: invalid value"},
		{"bad header", []string{"connect", u, "-H", "NoColon"}, `-H/--header: want "Name: value"`},
		{"bad header name", []string{"connect", u, "--header", "Bad Name: x"}, "not a valid header name"},
		{"reserved header", []string{"connect", u, "-H", "Sec-WebSocket-Protocol: x"}, "-p/--subprotocol"},
		{"reserved upgrade", []string{"connect", u, "-H", "upgrade: h2c"}, "tether sets Upgrade itself"},
		{"negative count", []string{"connect", u, "--count", "-1"}, "--count"},
		{"bad max attempts", []string{"connect", u, "--max-attempts", "-2"}, "--max-attempts"},
		{"pong without ping", []string{"connect", u, "--pong", "x"}, "--pong"},
		{"empty ping", []string{"connect", u, "--ping", ""}, "--ping"},
		{"bad subprotocol", []string{"connect", u, "-p", "bad name"}, "-p/--subprotocol"},
		{"duplicate subprotocol", []string{"connect", u, "-p", "a", "--subprotocol", "a"}, "given twice"},
		{"require without offer", []string{"connect", u, "--require-subprotocol"}, "--require-subprotocol"},
		{"conflicting reconnect", []string{"connect", u, "--no-reconnect", "--retry-first-dial"}, "--retry-first-dial"},
		{"initial over max", []string{"connect", u, "--reconnect-initial", "5s", "--reconnect-max", "1s"}, "--reconnect-initial"},
		{"bad origin", []string{"connect", u, "--origin", "nope"}, "--origin"},
		{"negative interval", []string{"connect", u, "--heartbeat-interval", "-1s"}, "--heartbeat-interval"},
		{"negative timeout", []string{"connect", u, "--timeout", "-1s"}, "--timeout"},
		{"serve bad subprotocols", []string{"serve", "--subprotocols", "a,b c"}, "--subprotocols"},
		{"serve extra", []string{"serve", "extra"}, `unexpected argument "extra"`},
		{"serve bad addr", []string{"serve", "--addr", "nope"}, "--addr"},
		{"bench bad sizes", []string{"bench", "--sizes", "x"}, "--sizes"},
		{"demo extra", []string{"demo", "extra"}, "unexpected argument"},
		{"help unknown", []string{"help", "nope"}, "unknown command"},
		{"version extra", []string{"version", "x"}, "unexpected argument"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := runText(t, nil, tc.args...)
			if r.code != exitUsage || !strings.Contains(r.stderr, tc.want) {
				t.Fatalf("exit %d, want 2 and %q in stderr\n%s", r.code, tc.want, r)
			}
			if strings.Contains(r.stderr, "secret") {
				t.Fatalf("a credential leaked:\n%s", r)
			}
		})
	}
}

func TestHelpAndVersion(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"help"}, "tether connect URL"},
		{[]string{"--help"}, "tether serve"},
		{[]string{"help", "connect"}, "--subprotocol NAME"},
		{[]string{"connect", "-h"}, "--require-subprotocol"},
		{[]string{"help", "serve"}, "--subprotocols"},
		{[]string{"version"}, "tether "},
	} {
		r := runText(t, nil, tc.args...)
		if r.code != exitOK || !strings.Contains(r.stdout, tc.want) {
			t.Errorf("tether %v: exit %d, want 0 and %q on stdout\n%s", tc.args, r.code, tc.want, r)
		}
	}
}
