package sdk

// Pong-timeout tests. They carry no build tag: tests/wasm runs them in js/wasm
// under Node too, against the same test server, so both platforms declare a
// peer dead the same way when the TCP connection stays up but no pong comes.

import (
	"errors"
	"testing"
	"time"

	"github.com/tetherws/tether/internal/clock"
)

// Heartbeat timing of the pong-timeout tests: short, so a dead peer is found
// within half a second.
const (
	pongTestInterval = 100 * time.Millisecond
	pongTestTimeout  = 300 * time.Millisecond
	// timerSlack absorbs a timer firing a little early on a coarse clock (js).
	timerSlack = 20 * time.Millisecond
)

// pongTestOptions returns options with application pings ({"type":"ping"},
// answered by {"type":"pong"}), the short timing above and no reconnect.
func pongTestOptions(rec *recorder, requirePong bool) *Options {
	o := rec.attach(noReconnect())
	o.Heartbeat.Interval, o.Heartbeat.Timeout = pongTestInterval, pongTestTimeout
	jsonPing(&o.Heartbeat)
	o.Heartbeat.RequirePong = requirePong
	return o
}

func isHeartbeatTimeout(e any) bool {
	c, ok := e.(CloseEvent)
	return ok && errors.Is(c.Cause, ErrHeartbeatTimeout)
}

// TestHeartbeatPongTimeout: the server keeps the connection open and reads
// every ping but never answers with a pong. The client must close with 4000
// "heartbeat timeout", no earlier than interval + timeout after the open.
func TestHeartbeatPongTimeout(t *testing.T) {
	for _, tc := range []struct {
		name, path  string
		requirePong bool
	}{
		// hold: the server reads and answers nothing at all.
		{"silent server", "/chaos?hold=1", false},
		// echo: the ping comes back unchanged, which is traffic but not a pong.
		{"echo is not a pong", "/echo", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := newRecorder()
			start := time.Now()
			c := dialT(t, testServerURL(t)+tc.path, pongTestOptions(rec, tc.requirePong))
			ev := rec.waitFor(t, "a heartbeat timeout", isHeartbeatTimeout).(CloseEvent)
			elapsed := time.Since(start)
			if ev.Code != 4000 || ev.Reason != "heartbeat timeout" || !ev.Final {
				t.Fatalf("close event %+v, want final 4000 heartbeat timeout", ev)
			}
			if floor := pongTestInterval + pongTestTimeout - timerSlack; elapsed < floor {
				t.Fatalf("declared dead %v after dialling, before interval+timeout (%v)", elapsed, floor)
			}
			<-c.Done()
			if !errors.Is(c.Err(), ErrHeartbeatTimeout) || !errors.Is(c.Err(), ErrClosed) {
				t.Fatalf("Err() = %v, want ErrHeartbeatTimeout and ErrClosed", c.Err())
			}
		})
	}
}

// TestHeartbeatAnsweredPongsKeepAlive is the control for TestHeartbeatPongTimeout:
// the same silent server (hold) answering only the pings keeps the connection
// open over many heartbeat timeouts, even with RequirePong. On a fake clock
// that stands still while a ping awaits its answer (stepUntil): a slow machine
// never turns an answered ping into a timeout.
func TestHeartbeatAnsweredPongsKeepAlive(t *testing.T) {
	rec := newRecorder()
	fake := clock.NewFake(time.Now())
	gate := &pingGate{}
	o := pongTestOptions(rec, true)
	o.clock = fake
	gate.wrap(&o.Heartbeat)
	c := dialT(t, testServerURL(t)+"/chaos?hold=1&app_ping=1", o)
	const pongs = 12 // 12 intervals: three times interval+timeout
	stepUntil(t, fake, gate, pongs*(pongTestInterval+pongTestTimeout), func() bool {
		return gate.pongs.Load() >= pongs || countOf[CloseEvent](rec.snapshot()) > 0
	})
	evs := rec.snapshot()
	if n := countOf[CloseEvent](evs); n != 0 || c.State() != Open {
		t.Fatalf("State = %v with %d close events after %d pongs: answered pings did not keep the connection; events %+v",
			c.State(), n, gate.pongs.Load(), evs)
	}
}
