//go:build !js

package main

import (
	"crypto/tls"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/coder/websocket"
)

// newTLSEcho is a wss:// echo server with httptest's self-signed certificate.
func newTLSEcho(t *testing.T) string {
	t.Helper()
	return startTLSEcho(t, nil)
}

// startTLSEcho is a wss:// echo server with cfg (nil: httptest's
// self-signed certificate).
func startTLSEcho(t *testing.T, cfg *tls.Config) string {
	t.Helper()
	hs := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := websocket.Accept(w, r, nil)
		if err != nil {
			return
		}
		defer c.CloseNow()
		for {
			typ, b, err := c.Read(r.Context())
			if err != nil || c.Write(r.Context(), typ, b) != nil {
				return
			}
		}
	}))
	hs.Config.ErrorLog = log.New(io.Discard, "", 0) // refused certificates are expected
	hs.TLS = cfg
	hs.StartTLS()
	t.Cleanup(hs.Close)
	return wsURL(hs.URL) + "/"
}

// Without --insecure an unverifiable certificate fails the dial for good
// (even with --retry-first-dial: retrying cannot fix it); with it, tether
// connects.
func TestInsecureSkipsVerification(t *testing.T) {
	t.Parallel()
	u := newTLSEcho(t)
	for _, extra := range []string{"--json", "--retry-first-dial"} {
		r := runJSON(t, nil, "connect", u, "--json", extra)
		errs := r.only("error")
		if r.code != exitFailed || len(errs) != 1 || errs[0].str("kind") != "tls" || !errs[0].flag("final") {
			t.Fatalf("without --insecure (%s): exit %d, errors %v\n%s", extra, r.code, errs, r)
		}
		if n := len(r.only("connecting")); n != 1 || len(r.only("reconnecting")) != 0 {
			t.Errorf("without --insecure (%s): %d attempts, want 1 and no retry\n%s", extra, n, r)
		}
	}
	r := runJSON(t, nil, "connect", u, "--json", "--insecure", "--send", "x", "--count", "1")
	if r.code != exitOK || len(r.only("message")) != 1 || len(r.only("error")) != 0 {
		t.Fatalf("with --insecure: exit %d\n%s", r.code, r)
	}
}
