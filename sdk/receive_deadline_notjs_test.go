//go:build !js

package sdk

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tetherws/tether/transport"
)

// TestReceiveDeadlinesLeaveConnectionOpen: natively, Receive reads directly
// with a context that can end, and its end leaves the connection open. A
// stream of messages of up to 100 KiB (many TCP segments each) is received
// with contexts of 100–500 µs, some of which end before a message comes,
// wherever that falls in the stream: every message arrives once, whole and in
// order, on the one connection (no CloseEvent, no second open). Where the
// deadlines fall depends on the machine, so this is the sdk's ordering under
// any timing; the transport's boundary cases (a context ending inside a
// frame, a header, between fragments) are made to happen, one by one, by
// transport/native's TestReadContextEndsWithoutClosing.
func TestReceiveDeadlinesLeaveConnectionOpen(t *testing.T) {
	rec := newRecorder()
	c := dialT(t, testServerURL(t)+"/echo", rec.attach(&Options{}))
	c.mu.Lock()
	cn := c.conn // set before Dial returns (ready is set later, once the outbox is flushed)
	c.mu.Unlock()
	if cn == nil || !cn.cancelableRead {
		t.Fatal("the native connection's reads cannot end with their context")
	}
	const n = 200
	payload := func(i int) []byte {
		return bytes.Repeat([]byte{byte('a' + i%26)}, 1+(i*7919)%(100<<10))
	}
	go func() {
		for i := range n {
			if err := c.Send(testCtx(t), transport.BinaryMessage(payload(i))); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	ended := 0
	for i := 0; i < n; {
		ctx, cancel := context.WithTimeout(testCtx(t), time.Duration(1+i%5)*100*time.Microsecond) // never 0: a poll takes only what the reader goroutine queued
		m, err := c.Receive(ctx)
		cancel()
		switch {
		case errors.Is(err, context.DeadlineExceeded):
			ended++
			continue
		case err != nil:
			t.Fatalf("message %d: %v", i, err)
		case !bytes.Equal(m.Data, payload(i)):
			t.Fatalf("message %d: %d bytes %.8q…, want %d bytes %.8q…", i, len(m.Data), m.Data, len(payload(i)), payload(i))
		}
		i++
	}
	t.Logf("%d messages, %d Receive calls ended by their context", n, ended)
	evs := rec.snapshot()
	if opens, closes := len(eventsOf[OpenEvent](evs)), len(eventsOf[CloseEvent](evs)); opens != 1 || closes != 0 {
		t.Fatalf("%d opens and %d closes, want 1 and 0: %s", opens, closes, fmt.Sprint(evs))
	}
}

// TestNextDeliversEventsWhileReadingDirectly: a Next caller that reads the
// socket on its own goroutine (context.Background(), or a context that can
// end) still gets lifecycle events while no message comes: the event ends
// the read (natively, the transport's read interrupt) and Next returns it.
// The server sends nothing; the heartbeat's answers are the events.
func TestNextDeliversEventsWhileReadingDirectly(t *testing.T) {
	for _, name := range []string{"background", "deadline"} {
		o := &Options{StreamEvents: true}
		o.Heartbeat.Interval, o.Heartbeat.Timeout = 20*time.Millisecond, 5*time.Second
		c := dialT(t, testServerURL(t)+"/echo", o)
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		var bounded atomic.Bool // the bound ended the wait: the events waited behind the read
		stop := time.AfterFunc(10*time.Second, func() { bounded.Store(true); _ = c.Close() })
		defer stop.Stop()
		if name == "background" {
			ctx = context.Background()
		}
		beats := 0
		for beats < 3 {
			ev, err := c.Next(ctx)
			if err != nil {
				t.Fatalf("%s: Next after %d heartbeat events: %v", name, beats, err)
			}
			if _, ok := ev.(HeartbeatEvent); ok {
				beats++
			}
		}
		if bounded.Load() {
			t.Fatalf("%s: the heartbeat events came only when the read ended (the client was closed)", name)
		}
		_ = c.Close()
	}
}
