//go:build !js

package sdk

import (
	"fmt"
	"testing"

	"github.com/tetherws/tether/internal/testserver"
	"github.com/tetherws/tether/transport"
)

// startAt starts a test server on addr ("" for a free loopback port) and
// kills it at cleanup.
func startAt(t *testing.T, addr string) *testserver.Running {
	t.Helper()
	r, err := testserver.Start(addr, testserver.Options{Subprotocols: testProtocols})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(r.Kill)
	return r
}

// TestServerKilledAndRestarted: the server dies without a close frame and
// comes back on the same port. While it is down the client keeps retrying
// (each attempt refused); messages given to it meanwhile arrive in order once
// it reconnects, and messages keep flowing both ways afterwards.
func TestServerKilledAndRestarted(t *testing.T) {
	first := startAt(t, "")
	rec := newRecorder()
	c := dialT(t, first.URL("/echo"), rec.attach(fastReconnect()))
	ctx := testCtx(t)
	if err := c.Send(ctx, transport.TextMessage("before")); err != nil {
		t.Fatal(err)
	}
	expectTexts(t, c, "", "before")
	if err := c.Flush(ctx); err != nil { // else "before" is re-sent: it was not confirmed
		t.Fatalf("Flush: %v", err)
	}
	first.Kill()
	rec.waitFor(t, "an attempt refused by the dead port", func(e any) bool {
		r, ok := e.(ReconnectingEvent)
		return ok && r.Retry >= 2
	})
	var want []string
	for i := range 5 {
		m := fmt.Sprint("during-", i)
		if err := c.Enqueue(transport.TextMessage(m)); err != nil {
			t.Fatal(err)
		}
		want = append(want, m)
	}
	sent := make(chan error, 1)
	go func() { sent <- c.Send(ctx, transport.TextMessage("during-send")) }()
	startAt(t, first.Addr())
	rec.waitFor(t, "the reconnect", isReopen)
	expectTexts(t, c, "", append(want, "during-send")...)
	if err := <-sent; err != nil {
		t.Fatalf("Send during the outage: %v", err)
	}
	for i := range 20 {
		m := fmt.Sprint("after-", i)
		if err := c.Send(ctx, transport.TextMessage(m)); err != nil {
			t.Fatal(err)
		}
		expectTexts(t, c, "", m)
	}
}
