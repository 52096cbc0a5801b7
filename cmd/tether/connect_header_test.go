//go:build !js

package main

import "testing"

// -H is repeatable and may set Host; --origin is sent as Origin.
func TestHeaderHostAndOrigin(t *testing.T) {
	t.Parallel()
	srv := newPeer(t, nil, nil)
	r := runJSON(t, nil, "connect", srv.url, "--json", "-H", "X-A: 1", "-H", "x-a: 2", "--header", "Host: example.test",
		"--origin", "https://app.example", "--send", "x", "--count", "1")
	if r.code != exitOK {
		t.Fatalf("exit %d\n%s", r.code, r)
	}
	h := srv.header(1)
	if got := h.Values("X-A"); len(got) != 2 || got[0] != "1" || got[1] != "2" {
		t.Errorf("X-A %q, want [1 2]", got)
	}
	if h.Get("Host") != "example.test" || h.Get("Origin") != "https://app.example" {
		t.Errorf("Host %q, Origin %q", h.Get("Host"), h.Get("Origin"))
	}
}
