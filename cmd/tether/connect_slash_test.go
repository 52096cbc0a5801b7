//go:build !js

package main

import (
	"context"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/coder/websocket"
)

// --show-ping shows the server's pings and the pongs to the client's;
// --slash makes /ping send one now, //text send "/text", and /close end the
// session with the given code and reason, which the server receives.
func TestSlashCommandsAndShowPing(t *testing.T) {
	t.Parallel()
	srv := newPeer(t, nil, func(_ int, c *websocket.Conn) bool {
		go func() { _ = c.Ping(context.Background()) }() // answered while the peer echoes
		return true
	})
	in, typed := io.Pipe()
	defer typed.Close()
	p := start(t, in, "connect", srv.url, "--json", "--slash", "--show-ping", "--heartbeat-interval", "1h")
	type sighting struct{ kind, from string }
	var seen []sighting
	see := func(e event) {
		if s := (sighting{e.kind(), e.str("from")}); !slices.Contains(seen, s) {
			seen = append(seen, s)
		}
	}
	see(p.next("ping")) // the server's, at open
	if _, err := io.WriteString(typed, "/ping\n"); err != nil {
		t.Fatal(err)
	}
	for len(seen) < 3 {
		see(p.next("ping", "pong"))
	}
	if want := []sighting{{"ping", "server"}, {"ping", "client"}, {"pong", "server"}}; !slices.Equal(seen, want) {
		t.Fatalf("saw %v; want %v", seen, want)
	}
	if _, err := io.WriteString(typed, "//slash\n/nope\n/close 4001 done here\n"); err != nil {
		t.Fatal(err)
	}
	typed.Close() // exec's stdin copy ends: Wait can return
	if code := p.wait(); code != exitOK {
		t.Fatalf("exit %d after /close\n%s", code, p.stderr.String())
	}
	r := result{stdout: p.stdout()}
	for _, l := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		r.events = append(r.events, decode(t, l))
	}
	if m := r.only("message"); len(m) != 1 || m[0].str("data") != "/slash" {
		t.Errorf("messages %v; want the echo of //slash as /slash", m)
	}
	if e := r.only("error"); len(e) != 1 || e[0].str("kind") != "input" || e[0].flag("final") {
		t.Errorf("errors %v; want one non-final input error for /nope", e)
	}
	if got := srv.closeCode(); got != 4001 {
		t.Fatalf("the server got close code %d; want 4001", got)
	}
}

// A /close with a code a client may not send is refused; the session goes on.
func TestSlashCloseRefusesBadCodes(t *testing.T) {
	t.Parallel()
	for _, line := range []string{"/close 1006", "/close 999", "/close abc", "/close 1000 " + string(make([]byte, 124))} {
		if _, err := parseCloseCommand(line[len("/close "):]); err == nil {
			t.Errorf("%q accepted", line)
		}
	}
	if req, err := parseCloseCommand("4000 bye now"); err != nil || req != (closeRequest{4000, "bye now"}) {
		t.Errorf("4000 bye now: %+v, %v", req, err)
	}
}
