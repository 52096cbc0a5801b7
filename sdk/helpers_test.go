package sdk

import (
	"context"
	"testing"
	"time"

	"github.com/tetherws/tether/transport"
)

// testProtocols are the subprotocols the test server supports, in its order.
var testProtocols = []string{"chat.v2", "chat.v1", "graphql-transport-ws", "mqtt"}

// testCtx returns a context bounded for one test.
func testCtx(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// noReconnect returns options with reconnect disabled.
func noReconnect() *Options {
	o := &Options{}
	o.Reconnect.Disabled = true
	return o
}

// dialT dials and registers Close as cleanup.
func dialT(t testing.TB, url string, opts *Options) *Client {
	t.Helper()
	c, err := Dial(testCtx(t), url, opts)
	if err != nil {
		t.Fatalf("Dial(%s): %v", url, err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

func mustReceive(t testing.TB, c *Client) transport.Message {
	t.Helper()
	m, err := c.Receive(testCtx(t))
	if err != nil {
		t.Fatalf("Receive: %v", err)
	}
	return m
}

// waitUntil polls cond (client internals no event reports) every millisecond
// until it holds, failing the test with what after 10 s.
func waitUntil(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal(what)
		}
		time.Sleep(time.Millisecond)
	}
}

// on adapts f, a handler of one event type, to Options.OnEvent: other events
// are ignored.
func on[E Event](f func(E)) func(Event) {
	return func(ev Event) {
		if e, ok := ev.(E); ok {
			f(e)
		}
	}
}

// alsoOn makes o.OnEvent call f after whatever it already calls.
func alsoOn(o *Options, f func(Event)) *Options {
	prev := o.OnEvent
	o.OnEvent = func(ev Event) {
		if prev != nil {
			prev(ev)
		}
		f(ev)
	}
	return o
}
