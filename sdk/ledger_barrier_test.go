package sdk

import (
	"testing"

	"github.com/tetherws/tether/transport"
)

// addNeed writes a message of n bytes into l and returns the barrier it asks for.
func addNeed(t *testing.T, l *ledger, n int) barrierNeed {
	t.Helper()
	need, ok := l.add(written{msg: transport.BinaryMessage(make([]byte, n))}, false)
	if !ok {
		t.Fatal("add on an open ledger failed")
	}
	return need
}

func TestLedgerBarrierAtHalfTheCount(t *testing.T) {
	l := newLedger(8, 1<<20, &signal{})
	want := []barrierNeed{barrierSoon, barrierPending, barrierPending, barrierAtOnce, barrierPending}
	for i, w := range want {
		if got := addNeed(t, l, 1); got != w {
			t.Fatalf("write %d: need %d, want %d", i+1, got, w)
		}
	}
	// A ping covers the five: half the window counts again from it.
	l.pingWritten(false)
	want = []barrierNeed{barrierSoon, barrierPending, barrierPending, barrierAtOnce}
	for i, w := range want {
		if got := addNeed(t, l, 1); got != w {
			t.Fatalf("after the ping, write %d: need %d, want %d", i+1, got, w)
		}
	}
}

func TestLedgerBarrierAtHalfTheBytes(t *testing.T) {
	l := newLedger(1000, 100, &signal{})
	if got := addNeed(t, l, 30); got != barrierSoon {
		t.Fatalf("first write: need %d, want barrierSoon", got)
	}
	if got := addNeed(t, l, 20); got != barrierAtOnce {
		t.Fatalf("50 of 100 bytes: need %d, want barrierAtOnce", got)
	}
	if got := addNeed(t, l, 20); got != barrierPending {
		t.Fatalf("after the urgent barrier: need %d, want barrierPending", got)
	}
}

func TestLedgerWindowOfOne(t *testing.T) {
	l := newLedger(1, 1<<20, &signal{})
	if got := addNeed(t, l, 1); got != barrierAtOnce {
		t.Fatalf("window of one: need %d, want barrierAtOnce", got)
	}
}
