//go:build !js

package main

import (
	"net"
	"testing"

	"github.com/coder/websocket"
)

// freePort returns a loopback address nothing listens on (for now).
func freePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	_ = ln.Close()
	return addr
}

// A refused first dial fails at once by default, and is retried with
// --retry-first-dial until the server comes up.
func TestRetryFirstDialRefused(t *testing.T) {
	t.Parallel()
	addr := freePort(t)
	u := "ws://" + addr + "/"
	r := runJSON(t, nil, "connect", u, "--json")
	if errs := r.only("error"); r.code != exitFailed || len(errs) != 1 || errs[0].str("kind") != "network" {
		t.Fatalf("without --retry-first-dial: exit %d\n%s", r.code, r)
	}
	wantKinds(t, r.events, "connecting", "error")

	p := start(t, nil, "connect", u, "--json", "--retry-first-dial", "--reconnect-initial", "100ms",
		"--reconnect-max", "200ms", "--send", "up", "--count", "1")
	if e := p.next("reconnecting"); e.str("kind") != "network" || e.num("attempt") != 2 {
		t.Errorf("reconnecting %v", e)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Skipf("the port was taken meanwhile: %v", err)
	}
	newPeer(t, ln, nil)
	if code := p.wait(); code != exitOK {
		t.Fatalf("exit %d once the server is up\n%s", code, p.stdout())
	}
}

// --no-reconnect: a dropped connection ends tether with status 1, no retry.
func TestNoReconnectOnDrop(t *testing.T) {
	t.Parallel()
	srv := newPeer(t, nil, func(int, *websocket.Conn) bool { return false }) // drop at once
	r := runJSON(t, nil, "connect", srv.url, "--json", "--no-reconnect")
	if r.code != exitFailed || len(r.only("reconnecting")) != 0 || len(r.only("connecting")) != 1 {
		t.Fatalf("exit %d\n%s", r.code, r)
	}
	errs := r.only("error")
	if len(errs) != 1 || errs[0].str("kind") != "network" || !errs[0].flag("final") {
		t.Errorf("errors %v", errs)
	}
	if c := r.only("close"); len(c) != 1 || c[0].num("code") != 1006 || !c[0].flag("final") {
		t.Errorf("close %v, want 1006 final", c)
	}
}

// --reconnect-initial and --reconnect-max bound the delays (±50 % jitter,
// capped at the maximum); --max-attempts stops after that many failures.
func TestReconnectDelays(t *testing.T) {
	t.Parallel()
	srv := newPeer(t, nil, func(int, *websocket.Conn) bool { return false }) // every connection drops
	// --linger: stdin is empty, and on a loaded machine the attempts may take
	// longer than the default 500 ms of quiet that would end the run first.
	r := runJSON(t, nil, "connect", srv.url, "--json", "--reconnect-initial", "40ms",
		"--reconnect-max", "120ms", "--max-attempts", "4", "--linger", "1m")
	rec := r.only("reconnecting")
	if r.code != exitFailed || len(rec) != 4 {
		t.Fatalf("exit %d, %d reconnecting events, want 1 and 4\n%s", r.code, len(rec), r)
	}
	for i, e := range rec {
		if d := e.num("delay_ms"); d < 20 || d > 120 || e.num("attempt") != float64(i+2) || e.num("retry") != float64(i+1) {
			t.Errorf("reconnecting %d: %v, want delay_ms in [20, 120], attempt %d", i, e, i+2)
		}
	}
}
