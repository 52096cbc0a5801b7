package sdk

import (
	"runtime"
	"testing"

	"github.com/tetherws/tether/transport"
)

// ledgerRound writes n copies of data into l, pings and confirms them, as a
// connection does with a steady stream.
func ledgerRound(t testing.TB, l *ledger, data []byte, n int) {
	for range n {
		cp, h := l.spareCopy(data)
		if _, ok := l.add(written{msg: transport.BinaryMessage(cp), pooled: h}, false); !ok {
			t.Fatal("add on an open ledger failed")
		}
	}
	l.confirm(l.pingWritten(false))
}

func TestLedgerSparesSurviveGC(t *testing.T) {
	l := newLedger(1024, 1<<20, &signal{})
	data := make([]byte, 100)
	ledgerRound(t, l, data, 8) // the first round allocates the working set
	allocs := testing.AllocsPerRun(20, func() {
		runtime.GC() // two collections empty a sync.Pool
		runtime.GC()
		ledgerRound(t, l, data, 8)
	})
	if allocs != 0 {
		t.Fatalf("a steady stream allocated %.1f times per round of 8 copies after two GCs; want 0", allocs)
	}
}

func TestLedgerSparesHoldTheCopy(t *testing.T) {
	l := newLedger(1024, 1<<20, &signal{})
	ledgerRound(t, l, []byte("first"), 1)
	cp, _ := l.spareCopy([]byte("second"))
	if string(cp) != "second" {
		t.Fatalf("copy from a spare = %q, want %q", cp, "second")
	}
}

func TestLedgerSparesReleasedWhenQuiet(t *testing.T) {
	l := newLedger(1024, 1<<20, &signal{})
	ledgerRound(t, l, make([]byte, 10), 4)
	if got := len(l.spare); got != 4 {
		t.Fatalf("spares after a confirmed round = %d, want 4", got)
	}
	l.pingWritten(false) // a heartbeat with nothing written since the last ping
	if got, b := len(l.spare), l.spareBytes; got != 0 || b != 0 {
		t.Fatalf("after a quiet ping: %d spares (%d B), want none", got, b)
	}
}

func TestLedgerSparesKeptWhileWriting(t *testing.T) {
	l := newLedger(1024, 1<<20, &signal{})
	ledgerRound(t, l, make([]byte, 10), 4)
	ledgerRound(t, l, make([]byte, 10), 4) // pings with writes between them
	if got := len(l.spare); got != 4 {
		t.Fatalf("spares during a stream = %d, want 4", got)
	}
}

func TestLedgerSparesBoundedByWindow(t *testing.T) {
	l := newLedger(3, 1<<20, &signal{})
	ledgerRound(t, l, make([]byte, 10), 5)
	if got := len(l.spare); got != 3 {
		t.Fatalf("spares with a window of 3 messages = %d, want 3", got)
	}
	l = newLedger(1024, 256, &signal{}) // 100 B copies sit in 128 B buffers
	ledgerRound(t, l, make([]byte, 100), 5)
	if got, b := len(l.spare), l.spareBytes; got != 2 || b != 256 {
		t.Fatalf("spares with a window of 256 B = %d (%d B), want 2 (256 B)", got, b)
	}
}

func TestLedgerSparesReleasedAtEnd(t *testing.T) {
	l := newLedger(1024, 1<<20, &signal{})
	ledgerRound(t, l, make([]byte, 10), 4)
	l.take()
	if got := len(l.spare); got != 0 {
		t.Fatalf("spares after the connection ended = %d, want 0", got)
	}
	if cp, h := l.spareCopy([]byte("x")); string(cp) != "x" || h == nil {
		t.Fatalf("copy after the end = %q (handle %v), want a pooled copy", cp, h)
	}
}

func TestLedgerSpareOfAnotherSizeClass(t *testing.T) {
	l := newLedger(1024, 1<<20, &signal{})
	ledgerRound(t, l, make([]byte, 10), 1) // a 64 B spare
	big := make([]byte, 1000)
	cp, h := l.spareCopy(big)
	if len(cp) != 1000 || cap(*h) < 1000 {
		t.Fatalf("copy of 1000 B = %d B in a %d B buffer", len(cp), cap(*h))
	}
	if got := len(l.spare); got != 1 {
		t.Fatalf("the 64 B spare was taken for a 1000 B copy (%d left)", got)
	}
}
