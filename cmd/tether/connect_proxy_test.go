//go:build !js

package main

import (
	"slices"
	"strings"
	"testing"

	"github.com/tetherws/tether/internal/testserver"
)

// --proxy sends the handshake through an HTTP or SOCKS5 proxy; the echo
// comes back through it.
func TestProxyFlag(t *testing.T) {
	t.Parallel()
	srv := startServer(t, testserver.Options{})
	for _, scheme := range []string{"http", "socks5", "socks5h"} {
		t.Run(scheme, func(t *testing.T) {
			t.Parallel()
			px := startProxy(t, srv.Addr())
			r := runJSON(t, nil, "connect", srv.URL("/echo"), "--json", "--proxy", scheme+"://"+px.addr(),
				"--send", "via proxy", "--count", "1")
			if r.code != exitOK || len(r.only("message")) != 1 || r.only("message")[0].str("data") != "via proxy" {
				t.Fatalf("exit %d\n%s", r.code, r)
			}
			if got := px.seen(); !slices.Equal(got, []string{srv.Addr()}) {
				t.Fatalf("the proxy was asked for %v; want [%s]", got, srv.Addr())
			}
		})
	}
}

// Without --proxy, HTTP_PROXY is honoured for ws:// (net/http's rule; it never
// applies to loopback addresses, hence a name only the proxy knows).
func TestProxyFromEnvironment(t *testing.T) {
	t.Parallel()
	srv := startServer(t, testserver.Options{})
	px := startProxy(t, srv.Addr())
	p := startEnv(t, []string{"HTTP_PROXY=http://" + px.addr(), "NO_PROXY="},
		nil, "connect", "ws://tether-proxy-test.invalid:80/echo", "--json", "--send", "env", "--count", "1")
	code := p.wait()
	if code != exitOK {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, p.stdout(), p.stderr.String())
	}
	if got := px.seen(); !slices.Equal(got, []string{"tether-proxy-test.invalid:80"}) {
		t.Fatalf("the proxy was asked for %v", got)
	}
}

// A proxy that cannot reach the server fails the attempt with the proxy's
// answer, not a hang.
func TestProxyRefusing(t *testing.T) {
	t.Parallel()
	px := startProxy(t, "127.0.0.1:1") // nothing listens there
	r := runJSON(t, nil, "connect", "ws://127.0.0.1:9/echo", "--json", "--proxy", "http://"+px.addr())
	if r.code != exitFailed || len(r.only("error")) != 1 {
		t.Fatalf("exit %d\n%s", r.code, r)
	}
}

// wss:// through an HTTP proxy takes a CONNECT tunnel (ws:// above is
// forwarded as a request instead): TLS runs end to end inside it.
func TestProxyConnectTunnel(t *testing.T) {
	t.Parallel()
	u := newTLSEcho(t)
	target := strings.TrimSuffix(strings.TrimPrefix(u, "wss://"), "/")
	px := startProxy(t, target)
	r := runJSON(t, nil, "connect", u, "--json", "--insecure", "--proxy", "http://"+px.addr(),
		"--send", "tunnelled", "--count", "1")
	if r.code != exitOK || len(r.only("message")) != 1 || r.only("message")[0].str("data") != "tunnelled" {
		t.Fatalf("exit %d\n%s", r.code, r)
	}
	if got := px.seen(); !slices.Equal(got, []string{target}) || px.connects() != 1 {
		t.Fatalf("the proxy saw %v with %d CONNECT requests; want [%s] and 1", got, px.connects(), target)
	}
}
