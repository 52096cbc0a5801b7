//go:build !js

package main

import (
	"strings"
	"testing"
)

// urlWith returns the first printed URL containing part.
func urlWith(t *testing.T, urls []string, part string) string {
	t.Helper()
	for _, u := range urls {
		if strings.Contains(u, part) {
			return u
		}
	}
	t.Fatalf("no URL with %q among %v", part, urls)
	return ""
}

// tether connect against tether serve, through the URLs serve prints: the
// default subprotocols, a drop and its reconnect, a refused handshake.
func TestConnectToServe(t *testing.T) {
	t.Parallel()
	_, _, urls := startServe(t)
	r := runJSON(t, nil, "connect", urls[0], "--json", "-p", "chat.v1", "--require-subprotocol",
		"--send", "hi", "--count", "1")
	if open := r.only("open"); r.code != exitOK || len(open) != 1 || open[0].str("subprotocol") != "chat.v1" {
		t.Fatalf("echo: exit %d\n%s", r.code, r)
	}
	drop := strings.Replace(urlWith(t, urls, "drop_after="), "drop_after=2000", "drop_after=100", 1)
	p := start(t, nil, append([]string{"connect", drop, "--json"}, fastRetry...)...)
	evs := p.sequence(7, "heartbeat")
	wantKinds(t, evs, "connecting", "open", "close", "error", "reconnecting", "connecting", "open")
	interruptAndCheck(t, p)
	r = runJSON(t, nil, "connect", urlWith(t, urls, "status=401"), "--json", "--retry-first-dial")
	if errs := r.only("error"); r.code != exitFailed || len(errs) != 1 || errs[0].str("kind") != "handshake" {
		t.Errorf("401: exit %d\n%s", r.code, r)
	}
}
