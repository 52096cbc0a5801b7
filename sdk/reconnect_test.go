package sdk

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/tetherws/tether/internal/clock"
)

func TestReconnectAfterDrop(t *testing.T) {
	rec := newRecorder()
	c := dialT(t, testServerURL(t)+"/chaos?drop_after=150", rec.attach(fastReconnect()))
	ctx := testCtx(t)
	rec.waitFor(t, "a reconnect", isReopen)
	for i := 0; i < 20; i++ {
		want := fmt.Sprint("after-", i)
		if err := c.SendText(ctx, want); err != nil {
			t.Fatal(err)
		}
		if got := mustReceive(t, c).Text(); got != want {
			t.Fatalf("got %q, want %q", got, want)
		}
	}
	if countOf[ReconnectingEvent](rec.snapshot()) == 0 {
		t.Fatal("no ReconnectingEvent before the reopen")
	}
}

func TestReconnectOnServiceRestart(t *testing.T) {
	rec := newRecorder()
	c := dialT(t, testServerURL(t)+"/chaos?close_after=50&code=1012", rec.attach(fastReconnect()))
	ev := rec.waitFor(t, "reconnecting after 1012", func(e any) bool {
		r, ok := e.(ReconnectingEvent)
		var ce *CloseError
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
	var ce *CloseError
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
	o.Reconnect.NoJitter = true
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
	var he *HandshakeError
	if protocolPings && (!errors.As(err, &he) || he.Status != 401) {
		t.Fatalf("err = %v, want HandshakeError 401 without retries", err)
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
