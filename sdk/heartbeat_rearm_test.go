package sdk

import (
	"sync/atomic"
	"testing"
	"time"

	"github.com/tetherws/tether/heartbeat"
	"github.com/tetherws/tether/internal/clock"
)

// TestPongRearmsPingTimer (fake clock): with a timeout longer than the
// interval, the next ping follows the answered one by the interval, not by the
// old deadline. The echo server returns each ping, which counts as its pong.
func TestPongRearmsPingTimer(t *testing.T) {
	const interval, timeout = time.Second, 10 * time.Second
	fake := clock.NewFake(time.Now())
	var pongs atomic.Int32
	o := noReconnect()
	o.clock = fake
	o.Heartbeat.Mode = heartbeat.ModeApplication
	o.Heartbeat.Interval, o.Heartbeat.Timeout = interval, timeout
	o.Heartbeat.Ping = func() heartbeat.Message { return heartbeat.Message{Data: []byte("hb")} }
	o.Heartbeat.IsPong = func(m heartbeat.Message) bool {
		if string(m.Data) != "hb" {
			return false
		}
		pongs.Add(1)
		return true
	}
	dialT(t, testServerURL(t)+"/echo", o)
	advanceUntil(t, fake, timeout-interval, func() bool { return pongs.Load() >= 1 })
	// Less simulated time than the timeout: only a re-armed timer pings again.
	advanceUntil(t, fake, timeout-interval, func() bool { return pongs.Load() >= 2 })
}

// advanceUntil moves the fake clock in small steps, letting the client run
// between them, until cond holds; it fails once limit of simulated time passed.
func advanceUntil(t *testing.T, fake *clock.Fake, limit time.Duration, cond func() bool) {
	t.Helper()
	const step = 20 * time.Millisecond
	var moved time.Duration
	waitUntil(t, "the condition never held", func() bool {
		if cond() {
			return true
		}
		if moved > limit {
			t.Fatalf("nothing after %s of simulated time", moved)
		}
		fake.Advance(step)
		moved += step
		return false
	})
}
