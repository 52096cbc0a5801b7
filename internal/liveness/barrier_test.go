package liveness

import (
	"testing"
	"time"
)

func wantNext(t *testing.T, m *Monitor, a Action, when float64) {
	t.Helper()
	if gotA, gotAt := m.Next(); gotA != a || !gotAt.Equal(at(when)) {
		t.Fatalf("Next() = %v at %v; want %v at %v", gotA, gotAt.Sub(t0), a, at(when).Sub(t0))
	}
}

// A barrier goes out while a ping is awaited, without waiting for its
// answer, and leaves the awaited ping's deadline alone; each pong measures
// the round trip of the ping it answers, oldest first.
func TestBarrierWhileAwaiting(t *testing.T) {
	m := NewMonitor(testPlan(), t0)
	m.PingSent(at(10))
	m.Barrier(at(11))
	wantNext(t, m, ActionPing, 11)
	m.PingSent(at(11))
	wantNext(t, m, ActionDead, 15)
	if rtt := m.PongReceived(at(12)); rtt != 2*time.Second {
		t.Fatalf("first pong: RTT %v, want 2s (from the ping at 10 s)", rtt)
	}
	if rtt := m.PongReceived(at(12.5)); rtt != 1500*time.Millisecond {
		t.Fatalf("second pong: RTT %v, want 1.5s (from the barrier at 11 s)", rtt)
	}
	wantNext(t, m, ActionPing, 22.5)
}

// At most maxInFlight pings are out: a barrier then waits for an answer,
// and the deadline stays the first awaited ping's.
func TestBarrierWaitsAtMaxInFlight(t *testing.T) {
	m := NewMonitor(testPlan(), t0)
	m.PingSent(at(10))
	for i := 1; i < maxInFlight; i++ {
		m.Barrier(at(10 + 0.1*float64(i)))
		m.PingSent(at(10 + 0.1*float64(i)))
	}
	m.Barrier(at(11))
	wantNext(t, m, ActionDead, 15)
	m.PongReceived(at(12))
	wantNext(t, m, ActionPing, 11) // overdue: the driver sends it at once
}

// Pings never answered are forgotten, oldest first, beyond maxInFlight: a
// pong then measures from a ping still remembered, never from the first.
func TestInFlightIsBounded(t *testing.T) {
	m := NewMonitor(testPlan(), t0)
	for i := range maxInFlight + 2 {
		m.Barrier(at(10 + float64(i)))
		m.PingSent(at(10 + float64(i)))
		m.Activity(at(10 + float64(i))) // life without pongs: not awaiting, pings pile up
	}
	if n := len(m.inFlight); n != maxInFlight {
		t.Fatalf("%d pings remembered; want %d", n, maxInFlight)
	}
	if rtt := m.PongReceived(at(20)); rtt != 8*time.Second {
		t.Fatalf("RTT %v; want 8s (from the oldest remembered ping, at 12 s)", rtt)
	}
}
