//go:build !js

package main

import (
	"testing"

	"github.com/tetherws/tether/internal/testserver"
)

// --pong is the exact reply that counts as the pong: a matched reply is
// swallowed (a heartbeat event), any other reply is an ordinary message.
func TestPongMustMatchExactly(t *testing.T) {
	t.Parallel()
	srv := startServer(t, testserver.Options{})
	u := srv.URL("/echo?app_ping=1") // answers {"type":"ping"} with {"type":"pong"}
	for _, tc := range []struct {
		pong    string
		matched bool
	}{
		{`{"type":"pong"}`, true},
		{`{"type": "pong"}`, false}, // same JSON, other bytes
	} {
		p := start(t, nil, "connect", u, "--json", "--heartbeat-interval", "50ms", "--heartbeat-timeout", "5s",
			"--ping", `{"type":"ping"}`, "--pong", tc.pong)
		e := p.next("heartbeat", "message")
		switch {
		case tc.matched && e.kind() != "heartbeat":
			t.Errorf("--pong %s: got %v, want a heartbeat event", tc.pong, e)
		case !tc.matched && (e.kind() != "message" || e.str("data") != `{"type":"pong"}`):
			t.Errorf("--pong %s: got %v, want the reply as a message", tc.pong, e)
		}
		interruptAndCheck(t, p)
	}
}
