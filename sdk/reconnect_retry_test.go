package sdk

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/tetherws/tether/internal/leakcheck"
	"github.com/tetherws/tether/transport"
)

// uniqueKey returns a key= value no other test or run shares, so server-side
// counts (fail_first, stats) start from zero even on a shared js test server.
func uniqueKey(t testing.TB) string {
	return url.QueryEscape(fmt.Sprintf("%s-%d", t.Name(), time.Now().UnixNano()))
}

// eventsOf returns the recorded events of type T, in order.
func eventsOf[T any](evs []any) []T {
	var out []T
	for _, e := range evs {
		if v, ok := e.(T); ok {
			out = append(out, v)
		}
	}
	return out
}

func isOpen(ev any) bool { _, ok := ev.(OpenEvent); return ok }

// TestRetryAfterSpacesAttempts: three handshakes refused with 503 and
// Retry-After: 1, then success. The backoff alone (10 ms) would retry at once;
// each retry must wait the second the server asked for.
func TestRetryAfterSpacesAttempts(t *testing.T) {
	rec := newRecorder()
	o := rec.attach(fastReconnect())
	o.Reconnect.RetryFirstDial = true
	base, key := testServerURL(t), uniqueKey(t)
	dialT(t, base+"/chaos?status=503&retry_after=1&fail_first=3&key="+key, o)
	if open := rec.waitFor(t, "the open", isOpen).(OpenEvent); open.Attempt != 4 {
		t.Fatalf("opened on attempt %d, want 4 (three 503s first)", open.Attempt)
	}
	retries := eventsOf[ReconnectingEvent](rec.snapshot())
	if len(retries) != 3 {
		t.Fatalf("%d ReconnectingEvents, want 3: %+v", len(retries), retries)
	}
	if !protocolPings {
		t.Log("browsers cannot see the status or Retry-After: the backoff alone spaced the retries")
		return
	}
	for _, r := range retries {
		var he *transport.HandshakeError
		if !errors.As(r.Cause, &he) || he.Status != 503 || he.RetryAfter != time.Second {
			t.Fatalf("retry %d: cause %v, want transport.HandshakeError 503 with Retry-After 1s", r.Retry, r.Cause)
		}
		if r.Delay < time.Second {
			t.Fatalf("retry %d scheduled after %s, before the server's Retry-After 1s", r.Retry, r.Delay)
		}
	}
	checkSpacing(t, base, key, 4, time.Second)
}

// checkSpacing checks that the server saw want handshakes for key, each at
// least gap after the one before (a lower bound the client enforces, so the
// check holds however slow the machine is).
func checkSpacing(t *testing.T, base, key string, want int, gap time.Duration) {
	t.Helper()
	times, ok := serverHandshakes(t, base, key)
	if !ok {
		return
	}
	if len(times) != want {
		t.Fatalf("server saw %d handshakes, want %d", len(times), want)
	}
	const slack = 5 * time.Millisecond // JSON times are wall-clock readings
	for i := 1; i < len(times); i++ {
		if d := times[i].Sub(times[i-1]); d < gap-slack {
			t.Fatalf("handshakes %d and %d only %s apart, want at least %s", i, i+1, d, gap)
		}
	}
}

// TestAcceptThenCloseWaitsEachDelay: against a server that accepts and at
// once closes 20 connections, the client does not only schedule growing
// delays (TestAcceptThenCloseBacksOff) but waits them: the server sees each
// handshake at least the scheduled delay after the one before.
func TestAcceptThenCloseWaitsEachDelay(t *testing.T) {
	rec := newRecorder()
	o := rec.attach(&Options{})
	o.Reconnect.InitialDelay = 5 * time.Millisecond
	o.Reconnect.MaxDelay = 40 * time.Millisecond
	o.Reconnect.Jitter = -1 // exact delays
	base, key := testServerURL(t), uniqueKey(t)
	dialT(t, base+"/chaos?accept_then_close=20&key="+key, o)
	rec.waitFor(t, "the stable connection", func(e any) bool { o, ok := e.(OpenEvent); return ok && o.Attempt == 21 })
	retries := eventsOf[ReconnectingEvent](rec.snapshot())
	times, ok := serverHandshakes(t, base, key)
	if !ok {
		return
	}
	if len(times) != 21 || len(retries) != 20 {
		t.Fatalf("server saw %d handshakes and the client %d retries, want 21 and 20", len(times), len(retries))
	}
	for i, r := range retries {
		if gap := times[i+1].Sub(times[i]); gap < r.Delay-time.Millisecond {
			t.Fatalf("handshake %d came %s after the previous one, before its delay %s", i+2, gap, r.Delay)
		}
	}
}

// TestRetryAfterCappedByPolicy: a Retry-After of an hour is capped at the
// policy's MaxRetryAfter, end to end (header parsing, classification, wait).
func TestRetryAfterCappedByPolicy(t *testing.T) {
	rec := newRecorder()
	o := rec.attach(fastReconnect())
	o.Reconnect.RetryFirstDial = true
	o.Reconnect.Jitter = -1 // exact delays
	o.Reconnect.MaxRetryAfter = 100 * time.Millisecond
	dialT(t, testServerURL(t)+"/chaos?status=503&retry_after=3600&fail_first=2&key="+uniqueKey(t), o)
	rec.waitFor(t, "the open", isOpen)
	retries := eventsOf[ReconnectingEvent](rec.snapshot())
	if len(retries) != 2 {
		t.Fatalf("%d ReconnectingEvents, want 2", len(retries))
	}
	for _, r := range retries {
		if protocolPings && r.Delay != 100*time.Millisecond {
			t.Fatalf("retry %d delay %s, want Retry-After 1h capped at MaxRetryAfter 100ms", r.Retry, r.Delay)
		}
	}
}

// TestReconnectStopsOn401: a reconnect refused with 401 is final: the client
// closes with the handshake error and the server sees no second attempt. In
// browsers the 401 looks like 1006 and only MaxAttempts bounds the retries.
func TestReconnectStopsOn401(t *testing.T) {
	rec := newRecorder()
	o := rec.attach(fastReconnect())
	base, key := testServerURL(t), uniqueKey(t)
	o.BeforeDial = func(_ context.Context, attempt int, p DialParams) (DialParams, error) {
		if attempt > 1 {
			p.URL = base + "/reject?status=401&key=" + key
		}
		return p, nil
	}
	if !protocolPings {
		o.Reconnect.MaxAttempts = 3
	}
	c := dialT(t, base+"/chaos?drop_after=50", o)
	waitDone(t, c)
	retries := countOf[ReconnectingEvent](rec.snapshot())
	if !protocolPings {
		if retries != 3 {
			t.Fatalf("%d retries in a browser, want MaxAttempts 3", retries)
		}
		return
	}
	var he *transport.HandshakeError
	if err := c.Err(); !errors.Is(err, ErrClosed) || !errors.As(err, &he) || he.Status != 401 {
		t.Fatalf("Err() = %v, want ErrClosed wrapping transport.HandshakeError 401", err)
	}
	if retries != 1 {
		t.Fatalf("%d ReconnectingEvents, want 1 (after the drop, none after the 401)", retries)
	}
	if times, _ := serverHandshakes(t, base, key); len(times) != 1 {
		t.Fatalf("server saw %d handshakes after the 401, want 1", len(times))
	}
}

// TestFirstDial401NotRetried: with RetryFirstDial, a first dial refused with
// 401 still fails at once: one handshake, no ReconnectingEvent. (Browsers see
// 1006 and would retry, so this is native only.)
func TestFirstDial401NotRetried(t *testing.T) {
	if !protocolPings {
		t.Skip("browsers cannot see the 401")
	}
	rec := newRecorder()
	o := rec.attach(fastReconnect())
	o.Reconnect.RetryFirstDial = true
	base, key := testServerURL(t), uniqueKey(t)
	_, err := Dial(testCtx(t), base+"/reject?status=401&key="+key, o)
	var he *transport.HandshakeError
	if !errors.As(err, &he) || he.Status != 401 {
		t.Fatalf("err = %v, want transport.HandshakeError 401", err)
	}
	if n := countOf[ReconnectingEvent](rec.snapshot()); n != 0 {
		t.Fatalf("%d ReconnectingEvents after a 401", n)
	}
	if times, _ := serverHandshakes(t, base, key); len(times) != 1 {
		t.Fatalf("server saw %d handshakes, want 1", len(times))
	}
}

// waitDone waits for the client to close by itself.
func waitDone(t *testing.T, c *Client) {
	t.Helper()
	select {
	case <-c.Done():
	case <-testCtx(t).Done():
		t.Fatalf("client still %v; want it to give up", c.State())
	}
}

// TestCloseDuringLongBackoffIsPrompt: on the real clock, Close during a 30 s
// backoff returns before the backoff could have ended, the server never sees a
// second attempt, and none of the client's goroutines are left behind. "Before
// the backoff could have ended" is measured from before the dial, so the check
// holds however slow the machine is (TestCloseInterruptsBackoff checks the same
// on a fake clock).
func TestCloseDuringLongBackoffIsPrompt(t *testing.T) {
	const backoff = 30 * time.Second
	rec := newRecorder()
	o := rec.attach(&Options{})
	o.Reconnect.InitialDelay = backoff
	o.Reconnect.MaxDelay = backoff
	o.Reconnect.Jitter = -1 // exact delays
	base, key := testServerURL(t), uniqueKey(t)
	dialed := time.Now()
	c := dialT(t, base+"/chaos?close_after=10&code=1011&key="+key, o)
	ev := rec.waitFor(t, "a 30 s backoff", func(e any) bool { _, ok := e.(ReconnectingEvent); return ok })
	if d := ev.(ReconnectingEvent).Delay; d != backoff {
		t.Fatalf("delay %s, want %s", d, backoff)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(dialed); d >= backoff {
		t.Fatalf("Close returned %s after the dial: it waited out the %s backoff", d, backoff)
	}
	if left := clientGoroutines(); left != "" {
		t.Fatalf("goroutines left after Close returned:\n%s", left)
	}
	if times, ok := serverHandshakes(t, base, key); ok && len(times) != 1 {
		t.Fatalf("server saw %d handshakes, want 1: an attempt followed Close", len(times))
	}
}

// clientGoroutines returns the stacks of running goroutines in package sdk
// (other than tests), which Close must have stopped before it returns.
func clientGoroutines() string {
	var out []string
	for _, g := range strings.Split(leakcheck.Leaked(), "\n\n") {
		if strings.Contains(g, "tetherws/tether/sdk.") {
			out = append(out, g)
		}
	}
	return strings.Join(out, "\n\n")
}
