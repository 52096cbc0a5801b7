package sdk

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tetherws/tether/internal/clock"
	"github.com/tetherws/tether/transport"
)

// TestReconnectAfterDrop has the server drop every connection 150 ms after it
// opens (no close frame). After each drop the client reports the close (1006,
// not final), a reconnect, and a new open, and every message sent is echoed,
// sent once: one written just before a drop and not confirmed is re-sent
// first on the next connection (delivery, at least once).
func TestReconnectAfterDrop(t *testing.T) {
	const reopens = 3
	rec := newRecorder()
	c := dialT(t, testServerURL(t)+"/chaos?drop_after=150", rec.attach(fastReconnect()))
	ctx := testCtx(t)
	echoes := receiveTexts(ctx, c)
	for n := 1; n <= reopens; n++ {
		rec.waitFor(t, fmt.Sprint("reconnect ", n), nthReopen(n))
		echoAcrossDrops(t, ctx, c, echoes, fmt.Sprint("after-", n))
	}
	checkDropSequence(t, rec.snapshot())
}

// receiveTexts receives on c until ctx ends or c closes, handing each message's
// text to the returned channel.
func receiveTexts(ctx context.Context, c *Client) <-chan string {
	out := make(chan string)
	go func() {
		for {
			m, err := c.Receive(ctx)
			if err != nil {
				return
			}
			select {
			case out <- m.Text():
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

// echoAcrossDrops sends one message and waits for its echo: a drop may
// come before the server reads it or before the echo is back, and the
// delivery guarantee still brings the echo (an unconfirmed message is sent
// again on the next connection, and a confirmed one was echoed before the
// pong that confirmed it). Echoes of earlier rounds' messages, which a
// re-send may repeat, are skipped; anything else fails the test.
func echoAcrossDrops(t *testing.T, ctx context.Context, c *Client, echoes <-chan string, msg string) {
	t.Helper()
	if err := c.Send(ctx, transport.TextMessage(msg)); err != nil {
		t.Fatalf("SendText: %v", err)
	}
	for {
		select {
		case got := <-echoes:
			if got == msg {
				return
			}
			if !strings.HasPrefix(got, "after-") {
				t.Fatalf("received %q, which was never sent", got)
			}
		case <-ctx.Done():
			t.Fatalf("no echo of %s, sent once: %v", msg, ctx.Err())
		}
	}
}

// nthReopen returns a match for recorder.waitFor that accepts the nth reopen.
func nthReopen(n int) func(any) bool {
	seen := 0
	return func(e any) bool {
		if isReopen(e) {
			seen++
		}
		return seen == n
	}
}

// checkDropSequence checks that every reopen follows a close of the previous
// connection (1006: no close frame, not final) and a ReconnectingEvent for the
// attempt that opened.
func checkDropSequence(t *testing.T, evs []any) {
	t.Helper()
	var closed *CloseEvent
	var retry *ReconnectingEvent
	for _, e := range evs {
		switch e := e.(type) {
		case CloseEvent:
			closed, retry = &e, nil
		case ReconnectingEvent:
			retry = &e
		case OpenEvent:
			if !e.Reconnect {
				continue
			}
			switch {
			case closed == nil || closed.Code != 1006 || closed.Final:
				t.Fatalf("reopen %+v not after a non-final 1006 close: %+v", e, evs)
			case retry == nil || retry.Attempt != e.Attempt:
				t.Fatalf("reopen %+v not after a ReconnectingEvent for its attempt: %+v", e, evs)
			}
			closed, retry = nil, nil
		}
	}
}

func TestReconnectOnServiceRestart(t *testing.T) {
	rec := newRecorder()
	c := dialT(t, testServerURL(t)+"/chaos?close_after=50&code=1012", rec.attach(fastReconnect()))
	ev := rec.waitFor(t, "reconnecting after 1012", func(e any) bool {
		r, ok := e.(ReconnectingEvent)
		var ce *transport.CloseError
		return ok && errors.As(r.Cause, &ce) && ce.Code == 1012
	})
	if ev.(ReconnectingEvent).Attempt < 2 {
		t.Fatalf("attempt = %d", ev.(ReconnectingEvent).Attempt)
	}
	rec.waitFor(t, "a reconnect", isReopen)
	if c.State() == Closed {
		t.Fatal("client closed after 1012")
	}
}

func TestPolicyViolationStops(t *testing.T) {
	rec := newRecorder()
	c := dialT(t, testServerURL(t)+"/chaos?close_after=10&code=1008", rec.attach(fastReconnect()))
	_, err := c.Receive(testCtx(t))
	var ce *transport.CloseError
	if !errors.As(err, &ce) || ce.Code != 1008 {
		t.Fatalf("err = %v, want close 1008", err)
	}
	final := rec.waitFor(t, "the final close", func(e any) bool { ce, ok := e.(CloseEvent); return ok && ce.Final })
	if final.(CloseEvent).Code != 1008 {
		t.Fatalf("final close event %+v", final)
	}
	if n := countOf[ReconnectingEvent](rec.snapshot()); n != 0 {
		t.Fatalf("%d reconnect attempts after 1008", n)
	}
}

func TestAcceptThenCloseBacksOff(t *testing.T) {
	rec := newRecorder()
	o := rec.attach(&Options{})
	o.Reconnect.InitialDelay = 5 * time.Millisecond
	o.Reconnect.MaxDelay = 80 * time.Millisecond
	o.Reconnect.Jitter = -1 // exact delays
	key := fmt.Sprint(time.Now().UnixNano())
	c := dialT(t, testServerURL(t)+"/chaos?accept_then_close=20&key="+key, o)
	rec.waitFor(t, "20 failed connections then a stable one", func(e any) bool {
		o, ok := e.(OpenEvent)
		return ok && o.Attempt == 21
	})
	var delays []time.Duration
	for _, e := range rec.snapshot() {
		if r, ok := e.(ReconnectingEvent); ok {
			delays = append(delays, r.Delay)
		}
	}
	for i := 1; i < len(delays); i++ {
		if delays[i] < delays[i-1] {
			t.Fatalf("delays shrink (hot loop): %v", delays)
		}
	}
	if delays[len(delays)-1] != 80*time.Millisecond {
		t.Fatalf("delays never reached the cap: %v", delays)
	}
	_ = c
}

func TestCloseInterruptsBackoff(t *testing.T) {
	fake := clock.NewFake(time.Now())
	rec := newRecorder()
	o := rec.attach(&Options{clock: fake})
	o.Reconnect.InitialDelay = 30 * time.Second
	o.Reconnect.MaxDelay = 30 * time.Second
	c := dialT(t, testServerURL(t)+"/chaos?close_after=10&code=1011", o)
	rec.waitFor(t, "a 30 s backoff", func(e any) bool { _, ok := e.(ReconnectingEvent); return ok })
	if !c.state.wait(testCtx(t), Open) {
		t.Fatal("never left Open")
	}
	if err := c.Close(); err != nil { // the fake clock never fires: only Close can end the wait
		t.Fatal(err)
	}
	if c.State() != Closed {
		t.Fatalf("State = %v", c.State())
	}
}

func TestRetryFirstDialGivesUpOn401(t *testing.T) {
	o := fastReconnect()
	o.Reconnect.RetryFirstDial = true
	_, err := Dial(testCtx(t), testServerURL(t)+"/reject?status=401", o)
	var he *transport.HandshakeError
	if protocolPings && (!errors.As(err, &he) || he.Status != 401) {
		t.Fatalf("err = %v, want transport.HandshakeError 401 without retries", err)
	}
}

func TestMaxAttemptsGivesUp(t *testing.T) {
	o := fastReconnect()
	o.Reconnect.RetryFirstDial = true
	o.Reconnect.MaxAttempts = 3
	_, err := Dial(testCtx(t), "ws://127.0.0.1:1/", o)
	if err == nil {
		t.Fatal("Dial to a closed port succeeded")
	}
}
