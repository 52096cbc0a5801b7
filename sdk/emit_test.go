package sdk

import (
	"errors"
	"testing"
	"time"
)

// A client nobody observes (no OnEvent, no stream, no Logger) reports its
// state changes and heartbeats without allocating: the events and the log
// records' arguments are built only for someone who takes them.
func TestUnobservedReportsAllocateNothing(t *testing.T) {
	c, err := newClient("ws://127.0.0.1:1/", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.cancel()
	cause := errors.New("lost")
	next := Reconnecting
	allocs := testing.AllocsPerRun(100, func() {
		c.setState(next, cause) // alternates: every call is a change
		if next == Reconnecting {
			next = Open
		} else {
			next = Reconnecting
		}
		emit(c, HeartbeatEvent{RTT: time.Second})
	})
	if allocs != 0 {
		t.Fatalf("an unobserved client allocated %.1f times per state change and heartbeat; want 0", allocs)
	}
}

func TestObservedReportsArrive(t *testing.T) {
	var got []Event
	c, err := newClient("ws://127.0.0.1:1/", &Options{StreamEvents: true})
	if err != nil {
		t.Fatal(err)
	}
	defer c.cancel()
	c.setState(Reconnecting, nil)
	emit(c, HeartbeatEvent{RTT: time.Second})
	for range 2 {
		e, ok := c.inbox.take()
		if !ok {
			t.Fatalf("the stream holds %d events, want 2", len(got))
		}
		got = append(got, e.ev)
	}
	if s, ok := got[0].(StateChangeEvent); !ok || s.To != Reconnecting {
		t.Fatalf("first event = %#v, want a StateChangeEvent to Reconnecting", got[0])
	}
	if h, ok := got[1].(HeartbeatEvent); !ok || h.RTT != time.Second {
		t.Fatalf("second event = %#v, want HeartbeatEvent{RTT: 1s}", got[1])
	}
}
