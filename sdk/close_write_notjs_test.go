//go:build !js

package sdk

import (
	"context"
	"strings"
	"testing"

	"github.com/coder/websocket"
	"github.com/tetherws/tether/transport"
)

// closeResult is what the peer saw: bytes received and the close status.
type closeResult struct {
	bytes  int
	status websocket.StatusCode
}

// slowPeer accepts one connection, reads nothing until start is closed, then
// reads everything and reports how the connection ended.
func slowPeer(t *testing.T, start <-chan struct{}) (string, <-chan closeResult) {
	done := make(chan closeResult, 1)
	url := acceptingPeer(t, func(ws *websocket.Conn) {
		ws.SetReadLimit(-1)
		<-start
		var res closeResult
		for {
			_, data, err := ws.Read(context.Background())
			if err != nil {
				res.status = websocket.CloseStatus(err)
				break
			}
			res.bytes += len(data)
		}
		done <- res
	})
	return url, done
}

// TestCloseLetsQueuedWriteFinish: Close while the outbox flusher is in the
// middle of a large write lets the write finish and closes with 1000, instead
// of cutting the frame (which the peer would see as an abnormal closure).
func TestCloseLetsQueuedWriteFinish(t *testing.T) {
	start := make(chan struct{})
	url, done := slowPeer(t, start)
	o := noReconnect()
	o.Outbox.MaxBytes = 16 << 20
	o.Dialer = pinnedDialer()
	c := dialT(t, url, o)
	// The peer's receive buffer and the client's send buffer are pinned (a few
	// hundred KiB together): a write of 8 MiB blocks until the peer reads.
	big := strings.Repeat("x", 8<<20)
	if err := c.Enqueue(transport.TextMessage(big)); err != nil {
		t.Fatal(err)
	}
	waitWriting(t, c)
	closed := make(chan error, 1)
	go func() { closed <- c.Close() }()
	c.state.wait(testCtx(t), Open)
	close(start)
	if err := <-closed; err != nil {
		t.Fatal(err)
	}
	res := <-done
	if res.status != websocket.StatusNormalClosure || res.bytes != len(big) {
		t.Fatalf("peer saw %d bytes and close status %d, want %d bytes and 1000", res.bytes, res.status, len(big))
	}
	if u := c.Unsent(); len(u) != 0 {
		t.Fatalf("Unsent() holds %d messages after the write finished", len(u))
	}
}

// waitWriting waits until the flusher has taken the outbox's front message.
func waitWriting(t *testing.T, c *Client) {
	t.Helper()
	waitUntil(t, "the flusher never started writing", func() bool {
		c.outbox.mu.Lock()
		defer c.outbox.mu.Unlock()
		return len(c.outbox.items) > 0 && c.outbox.items[0].state.Load() == itemTaken
	})
}

// TestCloseCutsStuckWrite: Close while a large write cannot progress (the
// peer reads nothing) waits out the flush and write graces, then closes the
// socket under the write: Close returns, the message is handed back, and the
// peer sees no close handshake (the abort must not pass for a completed one,
// which would confirm the message).
func TestCloseCutsStuckWrite(t *testing.T) {
	start := make(chan struct{})
	t.Cleanup(func() { close(start) })
	url, done := slowPeer(t, start)
	o := noReconnect()
	o.Outbox.MaxBytes = 16 << 20
	o.Dialer = pinnedDialer()
	c := dialT(t, url, o)
	if err := c.Send(testCtx(t), transport.TextMessage("small")); err != nil { // written, never confirmed
		t.Fatal(err)
	}
	big := strings.Repeat("x", 8<<20)
	if err := c.Enqueue(transport.TextMessage(big)); err != nil {
		t.Fatal(err)
	}
	waitWriting(t, c)
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	u := c.Unsent()
	if len(u) != 2 || string(u[0].Data) != "small" || len(u[1].Data) != len(big) {
		t.Fatalf("Unsent() holds %d messages, want the unconfirmed one and the stuck one", len(u))
	}
	go func() { start <- struct{}{} }() // let the peer read what arrived
	if res := <-done; res.status == websocket.StatusNormalClosure {
		t.Fatalf("peer saw a normal closure after %d bytes: the stuck write was not cut", res.bytes)
	}
}
