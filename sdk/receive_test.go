package sdk

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/tetherws/tether/heartbeat"
	"github.com/tetherws/tether/transport"
)

// receiveBackground is Receive with a context that can never end (the direct
// read path), bounded by closing the client if the test runs too long.
func receiveBackground(t *testing.T, c *Client) transport.Message {
	t.Helper()
	stop := time.AfterFunc(20*time.Second, func() { _ = c.Close() })
	defer stop.Stop()
	m, err := c.Receive(context.Background())
	if err != nil {
		t.Fatalf("Receive(Background): %v", err)
	}
	return m
}

// sendNumbered sends the texts from..from+n-1; safe from any goroutine.
func sendNumbered(t *testing.T, c *Client, from, n int) {
	t.Helper()
	for i := from; i < from+n; i++ {
		if err := c.Send(testCtx(t), transport.TextMessage(fmt.Sprint(i))); err != nil {
			t.Error(err)
			return
		}
	}
}

// TestReceiveDirectAndQueuedKeepOrder mixes direct reads (Background),
// inbox reads (a cancellable context) and polls (an ended context, until one
// returns): every message arrives once, in order, whichever reads it.
func TestReceiveDirectAndQueuedKeepOrder(t *testing.T) {
	c := dialT(t, testServerURL(t)+"/echo", nil)
	const n = 300
	go sendNumbered(t, c, 0, n)
	for i := 0; i < n; i++ {
		var m transport.Message
		switch i % 4 {
		case 0:
			m = mustReceive(t, c)
		case 3:
			waitUntil(t, fmt.Sprintf("polls never returned message %d", i), func() bool {
				var err error
				m, err = c.Receive(polled)
				return err == nil
			})
		default:
			m = receiveBackground(t, c)
		}
		if got := m.Text(); got != fmt.Sprint(i) {
			t.Fatalf("message %d: got %q", i, got)
		}
	}
}

// TestReceiveConcurrentDirectAndQueued runs direct and queued receivers at once:
// nothing is lost or duplicated, and no receiver is starved.
func TestReceiveConcurrentDirectAndQueued(t *testing.T) {
	c := dialT(t, testServerURL(t)+"/echo", nil)
	const n = 400
	var mu sync.Mutex
	seen := map[string]int{}
	var wg sync.WaitGroup
	recv := func(ctx context.Context) {
		defer wg.Done()
		for {
			m, err := c.Receive(ctx)
			if err != nil {
				return
			}
			mu.Lock()
			seen[m.Text()]++
			done := len(seen) == n
			mu.Unlock()
			if done {
				_ = c.Close()
			}
		}
	}
	wg.Add(3)
	go recv(context.Background())
	go recv(context.Background())
	go recv(testCtx(t))
	sendNumbered(t, c, 0, n)
	select {
	case <-c.Done():
	case <-time.After(20 * time.Second):
		_ = c.Close()
	}
	wg.Wait()
	for i := 0; i < n; i++ {
		if k := seen[fmt.Sprint(i)]; k != 1 {
			t.Fatalf("message %d received %d times (%d distinct of %d)", i, k, len(seen), n)
		}
	}
}

// TestReaderResumesAfterDirectReads: once a caller stops calling Receive, the
// reader goroutine reads again, so a close from the server is noticed without
// any Receive call (heartbeats off, so nothing else reads). The server closes
// when asked, after the direct read returned.
func TestReaderResumesAfterDirectReads(t *testing.T) {
	o := noReconnect()
	o.Heartbeat.Mode = heartbeat.ModeOff
	base, key := testServerURL(t), uniqueKey(t)
	c := dialT(t, base+"/chaos?key="+key, o)
	if err := c.Send(testCtx(t), transport.TextMessage("x")); err != nil {
		t.Fatal(err)
	}
	if m := receiveBackground(t, c); m.Text() != "x" {
		t.Fatalf("got %q", m.Data)
	}
	serverAct(t, base, "close", key, "&code=4001&reason=bye")
	select {
	case <-c.Done():
	case <-time.After(10 * time.Second):
		t.Fatal("the server's close was not noticed without a Receive call")
	}
	var ce *transport.CloseError
	if err := c.Err(); !errors.As(err, &ce) || ce.Code != 4001 {
		t.Fatalf("Err() = %v, want close 4001", err)
	}
}

// TestDirectReceiveSkipsPongs: heartbeat answers read on the caller's goroutine
// are consumed, never returned. Echoes go on until several pings were answered.
func TestDirectReceiveSkipsPongs(t *testing.T) {
	rec := newRecorder()
	o := rec.attach(noReconnect())
	o.Heartbeat.Interval, o.Heartbeat.Timeout = 10*time.Millisecond, answerTimeout
	o.Heartbeat.RequirePong = true // echoes alone do not postpone pings
	jsonPing(&o.Heartbeat)
	c := dialT(t, testServerURL(t)+"/chaos?app_ping=1", o)
	for i := 0; countOf[HeartbeatEvent](rec.snapshot()) < 3; i++ {
		if i == 100000 {
			t.Fatal("no heartbeat answered during 100000 echoes")
		}
		sendNumbered(t, c, i, 1)
		if m := receiveBackground(t, c); m.Text() != fmt.Sprint(i) {
			t.Fatalf("message %d: got %q", i, m.Data)
		}
	}
}
