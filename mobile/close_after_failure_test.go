//go:build !js

package mobile

import (
	"context"
	"strings"
	"testing"
)

// checkFailureReported checks that the session's end was reported as the
// failure it was: an OnError of kind, then the final OnClose 1006 (not the
// OnClose 1000 of a Close).
func checkFailureReported(t *testing.T, rec *recorder, kind string) {
	t.Helper()
	rec.waitFor(t, 0, "close ") // every test here ends with one OnClose: the final one
	checkLastFinal(t, rec)
	evs := rec.snapshot()
	last := evs[len(evs)-1]
	if last != `close 1006 "" final=true` || rec.count("error "+kind+": tether:") != 1 {
		t.Fatalf("want one OnError of kind %s, then the final OnClose 1006; got:\n%s", kind, strings.Join(evs, "\n"))
	}
}

// TestStopAfterFailedDialKeepsTheFailure is the race of a Close right after a
// failed Connect, with its order fixed: Close's stop reaches the session
// after its sdk.Client gave up but before the Listener goroutine ran. The
// failure is still reported (not turned into OnClose 1000 without OnError).
func TestStopAfterFailedDialKeepsTheFailure(t *testing.T) {
	srv := startServer(t)
	c, rec := newTestClient(t, srv.URL("/reject?status=403"), nil)
	s := newSession(c, nil) // what startLocked does, without the Listener goroutine
	c.mu.Lock()
	c.sess, c.tail = s, s.done
	c.mu.Unlock()
	if err := s.awaitOpen(context.Background()); ErrorKindOf(err) != kindHandshake {
		t.Fatalf("awaitOpen = %v, want a handshake error", err)
	}
	s.stop(endStatus{code: 1000}) // what Close does
	s.run()                       // the Listener goroutine, only now
	checkFailureReported(t, rec, kindHandshake)
}

// TestCloseRightAfterFailedConnect: the same through the public API, in
// whatever order the goroutines run.
func TestCloseRightAfterFailedConnect(t *testing.T) {
	srv := startServer(t)
	for i := 0; i < 10; i++ {
		c, rec := newTestClient(t, srv.URL("/reject?status=403"), nil)
		if err := c.Connect(nil); ErrorKindOf(err) != kindHandshake {
			t.Fatalf("Connect = %v, want a handshake error", err)
		}
		if err := c.Close(); err != nil {
			t.Fatal(err)
		}
		checkFailureReported(t, rec, kindHandshake)
	}
}

// TestBackgroundAfterFailedConnect: OnBackground after a failed Connect does
// not turn the failure into a background close, and OnForeground then starts
// nothing (the session was not paused: it had failed).
func TestBackgroundAfterFailedConnect(t *testing.T) {
	srv := startServer(t)
	cfg := NewConfig()
	cfg.CloseInBackground = true
	c, rec := newTestClient(t, srv.URL("/reject?status=403"), cfg)
	if err := c.Connect(nil); ErrorKindOf(err) != kindHandshake {
		t.Fatalf("Connect = %v, want a handshake error", err)
	}
	c.OnBackground()
	checkFailureReported(t, rec, kindHandshake)
	c.OnForeground()
	if got := c.State(); got != stateIdle {
		t.Fatalf("State after OnForeground = %s, want Idle (nothing to resume)", got)
	}
}

// TestCloseRightAfterGiveUp: a Close right after the reconnect policy gave
// up does not rewrite that failure either.
func TestCloseRightAfterGiveUp(t *testing.T) {
	srv := startServer(t)
	cfg := fastConfig()
	cfg.ReconnectDisabled = true
	c, rec := newTestClient(t, srv.URL("/chaos?drop_after=20&key=closegiveup"), cfg)
	if err := c.Connect(nil); err != nil {
		t.Fatal(err)
	}
	c.mu.Lock()
	s := c.lastOpened
	c.mu.Unlock()
	<-s.cl.Done() // gave up
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	checkFailureReported(t, rec, kindNetwork)
}
