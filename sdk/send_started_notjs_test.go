//go:build !js

package sdk

import (
	"context"
	"io"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/tetherws/tether/transport"
)

// TestSendContextDoesNotCutStartedWrite: a Send whose context ends while its
// message is being written does not break the connection for everyone. The
// peer reads the start of an 8 MiB message (far more than the pinned socket
// buffers hold, so the write is still in progress), the caller's context is
// cancelled, and only then does the peer read the rest: the message arrives
// whole, Send reports it written, and the same connection carries the next one.
func TestSendContextDoesNotCutStartedWrite(t *testing.T) {
	const size = 8 << 20
	started, resume := make(chan struct{}), make(chan struct{})
	got := make(chan int, 2)
	url := acceptingPeer(t, func(ws *websocket.Conn) {
		ws.SetReadLimit(-1)
		for i := 0; i < 2; i++ {
			n, err := readMessage(ws, started, resume, i == 0)
			if err != nil {
				got <- -1
				return
			}
			got <- n
		}
		_, _, _ = ws.Read(context.Background()) // hold the connection open until the client closes it
	})
	o := noReconnect()
	o.Dialer = pinnedDialer()
	c := dialT(t, url, o)
	// Dial returns at the open, before AfterOpen and the first flush; until
	// then a Send queues, and an 8 MiB message is more than the outbox holds.
	waitUntil(t, "the connection ready for direct sends", func() bool { return c.ready.Load() != nil })
	ctx, cancel := context.WithCancel(testCtx(t))
	sent := make(chan error, 1)
	go func() { sent <- c.Send(ctx, transport.BinaryMessage(make([]byte, size))) }()
	select {
	case <-started:
	case err := <-sent:
		t.Fatalf("Send = %v before the peer read a byte of the message", err)
	case <-testCtx(t).Done():
		t.Fatal("the peer never saw the message start")
	}
	cancel()
	// A window for a cut to happen (coder/websocket closes the connection
	// from its own goroutine when a write's context ends). It only gives the
	// bug a chance to show: a slow machine can make this test miss the bug,
	// never fail a correct client.
	<-time.After(100 * time.Millisecond)
	close(resume)
	if err := <-sent; err != nil {
		t.Fatalf("Send = %v, want nil: the write had started", err)
	}
	if n := <-got; n != size {
		t.Fatalf("peer read %d bytes, want %d", n, size)
	}
	if err := c.Send(testCtx(t), transport.TextMessage("next")); err != nil {
		t.Fatalf("next Send: %v", err)
	}
	if n := <-got; n != 4 {
		t.Fatalf("peer read %d bytes of the next message, want 4", n)
	}
	if s := c.State(); s != Open {
		t.Fatalf("state %v after the cancelled Send, want Open", s)
	}
}

// readMessage reads one message; when pause is set it signals started after
// the first bytes and waits for resume before reading the rest.
func readMessage(ws *websocket.Conn, started, resume chan struct{}, pause bool) (int, error) {
	_, r, err := ws.Reader(context.Background())
	if err != nil {
		return 0, err
	}
	buf := make([]byte, 4096)
	n, err := io.ReadFull(r, buf[:1])
	if err != nil {
		return n, err
	}
	if pause {
		close(started)
		<-resume
	}
	m, err := io.Copy(io.Discard, r)
	return n + int(m), err
}
