//go:build !js

package sdk

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/coder/websocket"
	"github.com/tetherws/tether/transport"
)

// resettingPeer echoes messages up to limit bytes and drops the TCP connection
// without a close frame on a larger one, so the client's write fails.
func resettingPeer(t *testing.T, limit int64) string {
	return acceptingPeer(t, func(ws *websocket.Conn) {
		ws.SetReadLimit(-1) // the limit is ours: no close frame, just a dropped connection
		ctx := context.Background()
		for {
			typ, rd, err := ws.Reader(ctx)
			if err != nil {
				return
			}
			var buf bytes.Buffer
			if n, _ := io.CopyN(&buf, rd, limit+1); n > limit {
				return // acceptingPeer's CloseNow drops the connection mid-message
			}
			if ws.Write(ctx, typ, buf.Bytes()) != nil {
				return
			}
		}
	})
}

// TestUndeliverableMessageIsHandedBack: a queued message that breaks every
// connection while it is written is handed back after Outbox.MaxWriteAttempts
// tries instead of being re-sent after every reconnect, and the messages
// behind it flow.
func TestUndeliverableMessageIsHandedBack(t *testing.T) {
	rec := newRecorder()
	o := rec.attach(fastReconnect())
	o.Outbox.MaxBytes = 32 << 20
	o.Outbox.MaxWriteAttempts = 2
	o.Dialer = pinnedDialer()
	c := dialT(t, resettingPeer(t, 64<<10), o)
	// Far over the peer's limit and over the pinned socket buffers (a few
	// hundred KiB): the peer drops the connection while the write goes on.
	big := strings.Repeat("x", 16<<20)
	if err := c.Enqueue(transport.TextMessage(big)); err != nil {
		t.Fatal(err)
	}
	if err := c.Enqueue(transport.TextMessage("after")); err != nil {
		t.Fatal(err)
	}
	ev := rec.waitFor(t, "the undeliverable message", func(e any) bool { _, ok := e.(UnsentEvent); return ok })
	u := ev.(UnsentEvent)
	if len(u.Messages) != 1 || len(u.Messages[0].Data) != len(big) || !errors.Is(u.Err, ErrUndeliverable) {
		t.Fatalf("UnsentEvent with %d messages, err %v", len(u.Messages), u.Err)
	}
	if got := mustReceive(t, c).Text(); got != "after" {
		t.Fatalf("Receive = %q, want the message queued behind", got)
	}
	if n := countOf[OpenEvent](rec.snapshot()); n != 3 {
		t.Fatalf("%d connections opened, want 3 (2 broken by the message, 1 after)", n)
	}
}
