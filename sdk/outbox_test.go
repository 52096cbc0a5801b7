//go:build !js

package sdk

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/tetherws/tether/internal/faultproxy"
	"github.com/tetherws/tether/internal/testserver"
	"github.com/tetherws/tether/transport"
)

// proxied starts a test server behind a fault proxy and returns the proxy and
// the base URL through it.
func proxied(t *testing.T) (*faultproxy.Proxy, string) {
	t.Helper()
	srv, err := testserver.Start("", testserver.Options{Subprotocols: testProtocols})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	p, err := faultproxy.New(srv.Addr())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = p.Close() })
	return p, "ws://" + p.Addr()
}

func TestOutboxFlushesInOrderAfterAfterOpen(t *testing.T) {
	proxy, base := proxied(t)
	rec := newRecorder()
	o := rec.attach(fastReconnect())
	o.AfterOpen = func(ctx context.Context, send func(context.Context, transport.Message) error) error {
		return send(ctx, transport.TextMessage("auth"))
	}
	c := dialT(t, base+"/echo", o)
	if got := mustReceive(t, c).Text(); got != "auth" {
		t.Fatalf("first message %q, want auth", got)
	}
	proxy.Refuse(true)
	proxy.CutAll()
	if !c.state.wait(testCtx(t), Open) {
		t.Fatal("still open after the cut")
	}
	for i := 0; i < 5; i++ {
		if err := c.Enqueue(transport.TextMessage(fmt.Sprint("queued-", i))); err != nil {
			t.Fatal(err)
		}
	}
	proxy.Refuse(false)
	want := []string{"auth", "queued-0", "queued-1", "queued-2", "queued-3", "queued-4"}
	for _, w := range want {
		if got := mustReceive(t, c).Text(); got != w {
			t.Fatalf("got %q, want %q (order %v)", got, w, want)
		}
	}
}

func TestOutboxOverflowReject(t *testing.T) {
	proxy, base := proxied(t)
	o := fastReconnect()
	o.Outbox.MaxMessages = 2
	c := dialT(t, base+"/echo", o)
	proxy.Refuse(true)
	proxy.CutAll()
	c.state.wait(testCtx(t), Open)
	for i := 0; i < 2; i++ {
		if err := c.Enqueue(transport.TextMessage(fmt.Sprint(i))); err != nil {
			t.Fatal(err)
		}
	}
	err := c.Enqueue(transport.TextMessage("third"))
	if !errors.Is(err, ErrOutboxFull) || err != errOutboxRefused {
		t.Fatalf("err = %v, want ErrOutboxFull refusing the message", err)
	}
}

func TestOutboxDropOldestReportsTheMessage(t *testing.T) {
	proxy, base := proxied(t)
	rec := newRecorder()
	o := rec.attach(fastReconnect())
	o.Outbox = OutboxOptions{MaxMessages: 2, Overflow: OverflowDropOldest}
	c := dialT(t, base+"/echo", o)
	proxy.Refuse(true)
	proxy.CutAll()
	c.state.wait(testCtx(t), Open)
	for _, s := range []string{"a", "b", "c"} {
		if err := c.Enqueue(transport.TextMessage(s)); err != nil {
			t.Fatal(err)
		}
	}
	ev := rec.waitFor(t, "the dropped message", func(e any) bool { _, ok := e.(UnsentEvent); return ok })
	u := ev.(UnsentEvent)
	if len(u.Messages) != 1 || u.Messages[0].Text() != "a" || !errors.Is(u.Err, ErrOutboxFull) {
		t.Fatalf("UnsentEvent %+v, want message a with ErrOutboxFull", u)
	}
}

func TestCloseHandsBackQueuedMessages(t *testing.T) {
	proxy, base := proxied(t)
	rec := newRecorder()
	c := dialT(t, base+"/echo", rec.attach(fastReconnect()))
	proxy.Refuse(true)
	proxy.CutAll()
	c.state.wait(testCtx(t), Open)
	_ = c.Enqueue(transport.TextMessage("x"))
	_ = c.Enqueue(transport.TextMessage("y"))
	sendErr := make(chan error, 1)
	go func() { sendErr <- c.Send(context.Background(), transport.TextMessage("blocked")) }()
	waitQueued(t, c, 3)
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if err := <-sendErr; !errors.Is(err, ErrClosed) {
		t.Fatalf("blocked Send returned %v, want ErrClosed", err)
	}
	unsent := c.Unsent()
	if len(unsent) != 2 || unsent[0].Text() != "x" || unsent[1].Text() != "y" {
		t.Fatalf("Unsent = %v", unsent)
	}
}

// waitQueued waits until the outbox holds at least n messages.
func waitQueued(t *testing.T, c *Client, n int) {
	t.Helper()
	waitUntil(t, fmt.Sprintf("the outbox never held %d messages", n), func() bool {
		c.outbox.mu.Lock()
		defer c.outbox.mu.Unlock()
		return len(c.outbox.items) >= n
	})
}
