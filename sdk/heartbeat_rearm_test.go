package sdk

import (
	"sync/atomic"
	"testing"
	"time"

	"github.com/tetherws/tether/heartbeat"
	"github.com/tetherws/tether/internal/clock"
	"github.com/tetherws/tether/transport"
)

// TestPongRearmsPingTimer (fake clock): with a timeout longer than the
// interval, the next ping follows the answered one by the interval, not by the
// old deadline. The echo server returns each ping, which counts as its pong.
func TestPongRearmsPingTimer(t *testing.T) {
	const interval, timeout = time.Second, 10 * time.Second
	fake := clock.NewFake(time.Now())
	gate := &pingGate{}
	o := noReconnect()
	o.clock = fake
	o.Heartbeat.Mode = heartbeat.ModeApplication
	o.Heartbeat.Interval, o.Heartbeat.Timeout = interval, timeout
	o.Heartbeat.Ping = func() transport.Message { return transport.Message{Type: transport.Text, Data: []byte("hb")} }
	o.Heartbeat.IsPong = func(m transport.Message) bool { return string(m.Data) == "hb" }
	gate.wrap(&o.Heartbeat)
	dialT(t, testServerURL(t)+"/echo", o)
	stepUntil(t, fake, gate, interval+clockStep, func() bool { return gate.pongs.Load() >= 1 })
	// One interval of simulated time after the pong (the clock stood still
	// while it came back), far less than the timeout: only a re-armed timer
	// pings again. Whether the client re-armed before or after this Advance,
	// its timer is due at the pong's time plus the interval.
	fake.Advance(interval)
	waitUntil(t, "no second ping one interval after the first pong", func() bool { return gate.pongs.Load() >= 2 })
}

// clockStep is how far stepUntil moves the fake clock at a time.
const clockStep = 20 * time.Millisecond

// pingGate counts the heartbeat pings a client sends and the pongs it
// recognises, so that a test moves its fake clock only while no ping awaits
// its answer.
type pingGate struct{ pings, pongs atomic.Int64 }

// wrap counts through cfg's Ping and IsPong, which must be set.
func (g *pingGate) wrap(cfg *heartbeat.Config) {
	ping, isPong := cfg.Ping, cfg.IsPong
	cfg.Ping = func() transport.Message {
		g.pings.Add(1)
		return ping()
	}
	cfg.IsPong = func(m transport.Message) bool {
		ok := isPong(m)
		if ok {
			g.pongs.Add(1)
		}
		return ok
	}
}

// stepUntil moves the fake clock in clockSteps until cond holds, but only
// while the client has a timer armed and no ping awaits its answer: simulated
// time stands still from the moment a timer fires until the client armed the
// next one, and while a pong is on its way, so neither the machine's speed nor
// the real round trip counts against the heartbeat. It fails once more than
// limit of simulated time has passed.
func stepUntil(t *testing.T, fake *clock.Fake, g *pingGate, limit time.Duration, cond func() bool) {
	t.Helper()
	var moved time.Duration
	waitUntil(t, "the condition never held", func() bool {
		if cond() {
			return true
		}
		if fake.Pending() == 0 || g.pings.Load() != g.pongs.Load() {
			return false
		}
		if moved >= limit {
			t.Fatalf("nothing after %s of simulated time", moved)
		}
		fake.Advance(clockStep)
		moved += clockStep
		return false
	})
}
