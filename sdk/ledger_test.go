package sdk

import (
	"testing"

	"github.com/tetherws/tether/transport"
)

func ledgerWrite(l *ledger, n int) (needs, hurries int) {
	for range n {
		need, hurry, ok := l.add(written{msg: transport.Message{Type: transport.Binary, Data: make([]byte, 10)}}, false)
		if !ok {
			panic("ledger closed")
		}
		if need {
			needs++
		}
		if hurry {
			hurries++
		}
	}
	return needs, hurries
}

// A steady stream asks for an immediate barrier once per half window of
// writes since the last ping, so it is confirmed before writers must wait;
// the entries still awaiting the last ping's pong do not count again.
func TestLedgerHurriesAtHalfWindow(t *testing.T) {
	l := newLedger(8, 1<<20, &signal{})
	if needs, hurries := ledgerWrite(l, 3); needs != 1 || hurries != 0 {
		t.Fatalf("3 writes: %d barrier requests, %d hurried; want 1, 0", needs, hurries)
	}
	if _, hurries := ledgerWrite(l, 1); hurries != 1 {
		t.Fatalf("4th of 8 writes: hurried %d times, want 1", hurries)
	}
	if _, hurries := ledgerWrite(l, 3); hurries != 0 {
		t.Fatalf("after the hurry: hurried %d times before a ping, want 0", hurries)
	}
	covered := l.pingWritten(false) // 7 entries await its pong
	if needs, hurries := ledgerWrite(l, 3); needs != 1 || hurries != 0 {
		t.Fatalf("3 writes after a ping: %d requests, %d hurried; want 1, 0 (7 older entries must not count)", needs, hurries)
	}
	if !l.full() {
		t.Fatalf("10 entries in a window of 8: not full")
	}
	l.confirm(covered)
	if l.full() {
		t.Fatalf("3 entries after the pong: still full")
	}
	if _, hurries := ledgerWrite(l, 1); hurries != 1 {
		t.Fatalf("4th write since the ping: hurried %d times, want 1", hurries)
	}
}

// The byte bound hurries too: half of MaxUnconfirmedBytes written since the
// last ping.
func TestLedgerHurriesAtHalfBytes(t *testing.T) {
	l := newLedger(1000, 40, &signal{})
	if _, hurries := ledgerWrite(l, 1); hurries != 0 {
		t.Fatalf("10 of 40 bytes: hurried")
	}
	if _, hurries := ledgerWrite(l, 1); hurries != 1 {
		t.Fatalf("20 of 40 bytes: hurried %d times, want 1", hurries)
	}
}
