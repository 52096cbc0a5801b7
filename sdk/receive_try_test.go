package sdk

import (
	"fmt"
	"testing"
)

// TestTryReceiveNeverWaits: on an idle connection TryReceive reports nothing
// at once (a blocking TryReceive would hang the test).
func TestTryReceiveNeverWaits(t *testing.T) {
	c := dialT(t, testServerURL(t)+"/echo", nil)
	for i := 0; i < 100; i++ {
		if m, ok := c.TryReceive(); ok {
			t.Fatalf("TryReceive on an idle connection returned %q", m.Data)
		}
	}
}

// TestTryReceiveKeepsOrderWithReceive mixes TryReceive (polled until it
// returns) with Receive: every message arrives once, in order, whichever
// reads it.
func TestTryReceiveKeepsOrderWithReceive(t *testing.T) {
	c := dialT(t, testServerURL(t)+"/echo", nil)
	const n = 200
	go sendNumbered(t, c, 0, n)
	for i := 0; i < n; i++ {
		var m Message
		if i%2 == 0 {
			m = mustReceive(t, c)
		} else {
			waitUntil(t, fmt.Sprintf("TryReceive never returned message %d", i), func() bool {
				var ok bool
				m, ok = c.TryReceive()
				return ok
			})
		}
		if got := m.Text(); got != fmt.Sprint(i) {
			t.Fatalf("message %d: got %q", i, got)
		}
	}
}

// TestTryReceiveAfterClose: a closed client has nothing more to try.
func TestTryReceiveAfterClose(t *testing.T) {
	c := dialT(t, testServerURL(t)+"/echo", noReconnect())
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if m, ok := c.TryReceive(); ok {
		t.Fatalf("TryReceive after Close returned %q", m.Data)
	}
}
