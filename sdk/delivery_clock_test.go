package sdk

import (
	"testing"
	"time"

	"github.com/tetherws/tether/heartbeat"
	"github.com/tetherws/tether/internal/clock"
	"github.com/tetherws/tether/transport"
)

// TestBarrierPingsOnlyAfterWrites (fake clock): an idle connection pings
// once per heartbeat interval, exactly as without delivery tracking; a write
// brings a barrier ping within BarrierDelay, long before the interval, and
// one ping confirms a whole burst.
func TestBarrierPingsOnlyAfterWrites(t *testing.T) {
	const interval = time.Second
	fake := clock.NewFake(time.Now())
	gate := &pingGate{}
	o := noReconnect()
	o.clock = fake
	o.Heartbeat.Mode = heartbeat.ModeApplication
	o.Heartbeat.Interval, o.Heartbeat.Timeout = interval, time.Minute
	o.Heartbeat.Ping = func() transport.Message { return transport.Message{Type: transport.Text, Data: []byte("hb")} }
	o.Heartbeat.IsPong = func(m transport.Message) bool { return string(m.Data) == "hb" }
	gate.wrap(&o.Heartbeat)
	c := dialT(t, testServerURL(t)+"/echo", o)

	const idle = 5
	stepUntil(t, fake, gate, idle*interval+clockStep, func() bool { return gate.pongs.Load() >= idle })
	if p := gate.pings.Load(); p != idle {
		t.Fatalf("%d pings in %d idle intervals; want %d", p, idle, idle)
	}
	for _, s := range []string{"a", "b", "c"} {
		if err := c.Enqueue(transport.TextMessage(s)); err != nil {
			t.Fatal(err)
		}
	}
	waitUntil(t, "the burst written", func() bool { return c.pendingUpTo(c.accepted.Load()) == 0 || c.outbox.empty() })
	stepUntil(t, fake, gate, defaultBarrierDelay+clockStep, func() bool { return gate.pongs.Load() == idle+1 })
	waitUntil(t, "the burst confirmed by one ping", func() bool { return c.pendingUpTo(c.accepted.Load()) == 0 })
	if p := gate.pings.Load(); p != idle+1 {
		t.Fatalf("%d pings; want %d: one barrier for the burst", p, idle+1)
	}
}

// TestBarrierAtHalfTheWindow (fake clock, never moved): writes reaching half
// of MaxUnconfirmed since the last ping bring a ping at once instead of
// after BarrierDelay, so its pong frees room before senders reach the bound.
func TestBarrierAtHalfTheWindow(t *testing.T) {
	fake := clock.NewFake(time.Now())
	gate := &pingGate{}
	o := noReconnect()
	o.clock = fake
	o.Delivery.MaxUnconfirmed = 8
	o.Heartbeat.Mode = heartbeat.ModeApplication
	o.Heartbeat.Interval, o.Heartbeat.Timeout = time.Hour, time.Hour
	o.Heartbeat.Ping = func() transport.Message { return transport.Message{Type: transport.Text, Data: []byte("hb")} }
	o.Heartbeat.IsPong = func(m transport.Message) bool { return string(m.Data) == "hb" }
	gate.wrap(&o.Heartbeat)
	c := dialT(t, testServerURL(t)+"/echo", o)
	for i := range 4 {
		if err := c.Send(t.Context(), transport.TextMessage(string(rune('a'+i)))); err != nil {
			t.Fatal(err)
		}
	}
	waitUntil(t, "no ping at half the window", func() bool { return gate.pongs.Load() == 1 })
	waitUntil(t, "the four not confirmed by it", func() bool { return c.pendingUpTo(c.accepted.Load()) == 0 })
	if p := gate.pings.Load(); p != 1 {
		t.Fatalf("%d pings; want 1", p)
	}
}
