//go:build !js

package main

import (
	"context"
	"fmt"
	"testing"

	"github.com/coder/websocket"
)

// orderRuns is how often the ordering scenarios repeat: the race they guard
// against showed in 2 of 30 runs of tether connect --json.
const orderRuns = 10

// burst is how many messages the server sends at once before it closes:
// more than the SDK's receive buffer (256), so the receive side is still
// printing when the close arrives.
const burst = 300

// burstThenClose returns a peer handler that sends burst messages, then
// closes with code: 1001 (retried) for odd connections, 1000 (final) for even
// ones when alternate is set, else always 1000.
func burstThenClose(alternate bool) func(int, *websocket.Conn) bool {
	return func(n int, c *websocket.Conn) bool {
		ctx := context.Background()
		for i := range burst {
			if c.Write(ctx, websocket.MessageText, fmt.Appendf(nil, "%d-%d", n, i)) != nil {
				return false
			}
		}
		code := websocket.StatusNormalClosure
		if alternate && n%2 == 1 {
			code = websocket.StatusGoingAway
		}
		_ = c.Close(code, "")
		return false
	}
}

// Every message received before the server's close frame is printed before
// the close line, and none is lost.
func TestMessagesPrecedeClose(t *testing.T) {
	t.Parallel()
	for i := range orderRuns {
		srv := newPeer(t, nil, burstThenClose(false))
		r := runInProcess(t, nil, "connect", srv.url, "--json")
		checkOrder(t, i, r, 1)
	}
}

// Across reconnects too: a connection's messages come before its close line,
// and the next connection's after the next open line.
func TestMessagesPrecedeCloseAcrossReconnects(t *testing.T) {
	t.Parallel()
	for i := range orderRuns {
		srv := newPeer(t, nil, burstThenClose(true))
		r := runInProcess(t, nil, "connect", srv.url, "--json", "--reconnect-initial", "1ms",
			"--reconnect-max", "1ms")
		checkOrder(t, i, r, 2)
	}
}

// checkOrder checks that connection n's messages, n-0 to n-(burst-1), all
// come between its open line and its close line, for conns connections.
func checkOrder(t *testing.T, run int, r result, conns int) {
	t.Helper()
	conn, next, open := 0, 0, false
	for _, e := range decodeAll(t, r) {
		switch e.kind() {
		case "open":
			conn, next, open = conn+1, 0, true
		case "close":
			if open && next != burst {
				t.Fatalf("run %d: connection %d closed after %d of %d messages\n%s", run, conn, next, burst, r)
			}
			open = false
		case "message":
			if want := fmt.Sprintf("%d-%d", conn, next); !open || e.str("data") != want {
				t.Fatalf("run %d: message %q, want %q before the close line\n%s", run, e.str("data"), want, r)
			}
			next++
		}
	}
	if conn != conns || open {
		t.Fatalf("run %d: %d connections (last still open: %v), want %d closed\n%s", run, conn, open, conns, r)
	}
}
