//go:build !js

package main

import (
	"slices"
	"strings"
	"testing"

	"github.com/tetherws/tether/internal/testserver"
)

// fast reconnect flags for the fault tests.
var fastRetry = []string{"--reconnect-initial", "50ms", "--reconnect-max", "100ms"}

func wantKinds(t *testing.T, evs []event, want ...string) {
	t.Helper()
	if got := kinds(evs); !slices.Equal(got, want) {
		t.Fatalf("events %v, want %v\n%v", got, want, evs)
	}
}

// interruptAndCheck ends a streaming run with Ctrl-C: exit 0 after a 1000 close.
func interruptAndCheck(t *testing.T, p *proc) {
	t.Helper()
	p.interrupt()
	if code := p.wait(); code != exitOK {
		t.Fatalf("exit %d after Ctrl-C\n%s\n%s", code, p.stdout(), p.stderr.String())
	}
	lines := strings.Split(strings.TrimSpace(p.stdout()), "\n")
	if last := decode(t, lines[len(lines)-1]); last.kind() != "close" || !last.flag("final") || last.num("code") != 1000 {
		t.Errorf("last event after Ctrl-C: %v", last)
	}
}

func TestDropThenReconnect(t *testing.T) {
	t.Parallel()
	srv := startServer(t, testserver.Options{})
	p := start(t, nil, append([]string{"connect", srv.URL("/chaos?drop_after=200&key=drop"), "--json",
		"--send", "x"}, fastRetry...)...)
	evs := p.sequence(7, "heartbeat", "sent", "message")
	wantKinds(t, evs, "connecting", "open", "close", "error", "reconnecting", "connecting", "open")
	if evs[2].num("code") != 1006 || evs[2].flag("final") {
		t.Errorf("close %v, want 1006, not final", evs[2])
	}
	if evs[3].str("kind") != "network" || evs[3].flag("final") {
		t.Errorf("error %v", evs[3])
	}
	if r := evs[4]; r.num("attempt") != 2 || r.num("delay_ms") > 100 || r.str("error") == "" {
		t.Errorf("reconnecting %v", r)
	}
	if !evs[6].flag("reconnect") || evs[6].num("attempt") != 2 {
		t.Errorf("open %v", evs[6])
	}
	interruptAndCheck(t, p)
}

func TestHeartbeatDetectsBlackhole(t *testing.T) {
	t.Parallel()
	srv := startServer(t, testserver.Options{})
	p := start(t, nil, append([]string{"connect", srv.URL("/chaos?blackhole_after=300"), "--json", "--count", "99",
		"--heartbeat-interval", "200ms", "--heartbeat-timeout", "500ms"}, fastRetry...)...)
	evs := p.sequence(7, "heartbeat", "message")
	wantKinds(t, evs, "connecting", "open", "close", "error", "reconnecting", "connecting", "open")
	if c := evs[2]; c.num("code") != 4000 || c.str("reason") != "heartbeat timeout" {
		t.Errorf("close %v", c)
	}
	if e := evs[3]; e.str("kind") != "heartbeat" || e.flag("final") {
		t.Errorf("error %v", e)
	}
	interruptAndCheck(t, p)
}

func TestHeartbeatEvents(t *testing.T) {
	t.Parallel()
	srv := startServer(t, testserver.Options{})
	for _, extra := range [][]string{
		{"/echo"}, // protocol pings
		{"/echo?app_ping=1", "--ping", `{"type":"ping"}`, "--pong", `{"type":"pong"}`},
	} {
		p := start(t, nil, append([]string{"connect", srv.URL(extra[0]), "--json", "--count", "99",
			"--heartbeat-interval", "50ms", "--heartbeat-timeout", "2s"}, extra[1:]...)...)
		if h := p.next("heartbeat"); h.num("rtt_ms") <= 0 || h.num("smoothed_ms") <= 0 {
			t.Errorf("%s: heartbeat %v", extra[0], h)
		}
		interruptAndCheck(t, p)
		if strings.Contains(p.stdout(), `"event":"message"`) {
			t.Errorf("%s: a pong was delivered as a message:\n%s", extra[0], p.stdout())
		}
	}
}

func TestServerClose4001WithoutReconnect(t *testing.T) {
	t.Parallel()
	srv := startServer(t, testserver.Options{})
	r := runJSON(t, nil, "connect", srv.URL("/chaos?close_after=100&code=4001&reason=bye"), "--json",
		"--no-reconnect", "--count", "5")
	if r.code != exitFailed {
		t.Fatalf("exit %d, want 1\n%s", r.code, r)
	}
	wantKinds(t, r.events, "connecting", "open", "close", "error")
	if c := r.events[2]; c.num("code") != 4001 || c.str("reason") != "bye" || !c.flag("final") {
		t.Errorf("close %v", c)
	}
	if e := r.events[3]; e.str("kind") != "closed" || !e.flag("final") || !strings.Contains(e.str("error"), "4001") {
		t.Errorf("error %v", e)
	}
}

func TestHandshake401IsNotRetried(t *testing.T) {
	t.Parallel()
	srv := startServer(t, testserver.Options{})
	for _, extra := range []string{"--json", "--retry-first-dial"} { // even when asked to retry
		r := runJSON(t, nil, "connect", srv.URL("/echo?status=401"), "--json", extra)
		if r.code != exitFailed {
			t.Fatalf("exit %d, want 1\n%s", r.code, r)
		}
		wantKinds(t, r.events, "connecting", "error")
		if e := r.events[1]; e.str("kind") != "handshake" || !e.flag("final") || !strings.Contains(e.str("error"), "401") {
			t.Errorf("error %v", e)
		}
	}
}

func TestRetryAfter503(t *testing.T) {
	t.Parallel()
	srv := startServer(t, testserver.Options{})
	r := runJSON(t, nil, "connect", srv.URL("/echo?fail_first=2&status=503&retry_after=1&key=ra"), "--json",
		"--retry-first-dial", "--reconnect-initial", "10ms", "--send", "x", "--count", "1")
	if r.code != exitOK {
		t.Fatalf("exit %d\n%s", r.code, r)
	}
	rec := r.only("reconnecting")
	if len(rec) != 2 || len(r.only("connecting")) != 3 || len(r.only("open")) != 1 {
		t.Fatalf("events %v", kinds(r.events))
	}
	for _, e := range rec {
		if e.num("delay_ms") < 1000 || e.str("kind") != "handshake" {
			t.Errorf("reconnecting %v, want delay_ms >= 1000 (Retry-After)", e)
		}
	}
}

func TestMaxAttemptsGivesUp(t *testing.T) {
	t.Parallel()
	srv := startServer(t, testserver.Options{})
	r := runJSON(t, nil, append([]string{"connect", srv.URL("/echo?status=503&key=max"), "--json",
		"--retry-first-dial", "--max-attempts", "2"}, fastRetry...)...)
	if r.code != exitFailed || len(r.only("connecting")) != 3 || len(r.only("reconnecting")) != 2 {
		t.Fatalf("exit %d, events %v", r.code, kinds(r.events))
	}
	last := r.events[len(r.events)-1]
	if last.kind() != "error" || !last.flag("final") || last.str("kind") != "handshake" {
		t.Errorf("last event %v", last)
	}
}

func TestServerNormalClose(t *testing.T) {
	t.Parallel()
	srv := startServer(t, testserver.Options{})
	u := srv.URL("/chaos?close_after=100")
	if r := runJSON(t, nil, "connect", u, "--json", "--send", "x"); r.code != exitOK || len(r.only("error")) != 0 {
		t.Errorf("without --count: exit %d, want 0 and no error\n%s", r.code, r)
	}
	r := runJSON(t, nil, "connect", u, "--json", "--send", "x", "--count", "5")
	if errs := r.only("error"); r.code != exitFailed || len(errs) != 1 || errs[0].str("kind") != "closed" {
		t.Errorf("--count not reached: exit %d, want 1 and a closed error\n%s", r.code, r)
	}
}
