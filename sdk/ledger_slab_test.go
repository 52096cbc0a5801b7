package sdk

import (
	"bytes"
	"fmt"
	"runtime"
	"testing"

	"github.com/tetherws/tether/transport"
)

// ledgerRound writes n copies of data into l, pings and confirms them, as a
// connection does with a steady stream.
func ledgerRound(t testing.TB, l *ledger, data []byte, n int) {
	for range n {
		writeCopy(t, l, data)
	}
	l.confirm(l.pingWritten(false))
}

// writeCopy enters a copy of data in l, as recordWrite does for a message
// the client does not own, and returns the copy.
func writeCopy(t testing.TB, l *ledger, data []byte) []byte {
	cp, s := l.copyOf(data)
	if _, ok := l.add(written{msg: transport.BinaryMessage(cp), slab: s}, false); !ok {
		t.Fatal("add on an open ledger failed")
	}
	return cp
}

func TestLedgerSlabsSurviveGC(t *testing.T) {
	l := newLedger(1024, 1<<20, &signal{})
	data := make([]byte, 100)
	ledgerRound(t, l, data, 8) // the first round allocates the working set
	allocs := testing.AllocsPerRun(20, func() {
		runtime.GC()
		runtime.GC()
		ledgerRound(t, l, data, 8)
	})
	if allocs != 0 {
		t.Fatalf("a steady stream allocated %.1f times per round of 8 copies after two GCs; want 0", allocs)
	}
}

// A new connection's first window of small copies costs a few slabs, not an
// allocation per message.
func TestLedgerFirstWindowAllocatesSlabs(t *testing.T) {
	data := make([]byte, 32)
	allocs := testing.AllocsPerRun(5, func() {
		l := newLedger(1024, 4<<20, &signal{})
		for range 1024 {
			cp, s := l.copyOf(data)
			if s == nil || len(cp) != len(data) {
				t.Fatalf("copy of 32 B = %d B, slab %v", len(cp), s)
			}
		}
	})
	// 32 KiB of copies: slabs of 1, 2, 4, 8, 16 and 32 KiB (a block and its
	// slab each), the ledger and its signal; one buffer per copy was 2,048.
	if allocs > 14 {
		t.Fatalf("1024 copies of 32 B on a new ledger allocated %.0f times; want at most 14", allocs)
	}
}

// Every copy keeps its own bytes while later copies are cut, confirmed and
// their space reused, across slab boundaries and sizes.
func TestLedgerSlabCopiesStayIntact(t *testing.T) {
	l := newLedger(64, 1<<20, &signal{})
	type held struct {
		cp   []byte
		want []byte
	}
	var window []held
	for i := range 2000 {
		want := bytes.Repeat([]byte{byte(i)}, 1+(i*37)%3000)
		window = append(window, held{writeCopy(t, l, want), want})
		if len(window) == 40 { // confirm the oldest half, as a pong would
			seq := l.lastSeq() - 20
			l.confirm(seq)
			window = window[20:]
		}
		for j, h := range window {
			if !bytes.Equal(h.cp, h.want) {
				t.Fatalf("after copy %d, unconfirmed copy %d changed", i, j)
			}
		}
	}
}

func TestLedgerSlabsDroppedWhenQuiet(t *testing.T) {
	l := newLedger(1024, 1<<20, &signal{})
	ledgerRound(t, l, make([]byte, 600), 4) // 2.4 KB: a 1 KiB and a 2 KiB slab
	if l.cur == nil || len(l.spare) != 1 {
		t.Fatalf("after a confirmed round: current slab %v, %d spares; want one of each", l.cur, len(l.spare))
	}
	ledgerRound(t, l, make([]byte, 600), 4) // pings with writes between them keep them
	if l.cur == nil || len(l.spare) == 0 {
		t.Fatal("a stream's slabs were dropped while it was writing")
	}
	l.pingWritten(false) // a heartbeat with nothing written since the last ping
	if l.cur != nil || len(l.spare) != 0 || l.spareBytes != 0 || l.slabSize != 0 {
		t.Fatalf("after a quiet ping: current %v, %d spares (%d B), next size %d; want none",
			l.cur, len(l.spare), l.spareBytes, l.slabSize)
	}
}

func TestLedgerSlabSparesBoundedByWindow(t *testing.T) {
	for _, tc := range []struct {
		count int
		bytes int64
		want  int
	}{
		{count: 2, bytes: 1 << 20, want: 2},
		{count: 1024, bytes: 96 << 10, want: 1}, // one 64 KiB spare fits, two do not
	} {
		t.Run(fmt.Sprintf("%d/%d", tc.count, tc.bytes), func(t *testing.T) {
			l := newLedger(1024, 1<<30, &signal{}) // writes are not bounded here, spares are
			l.maxCount, l.maxBytes = tc.count, tc.bytes
			for range 5 { // each 40 KiB copy fills its own 64 KiB slab
				writeCopy(t, l, make([]byte, 40<<10))
			}
			l.confirm(l.pingWritten(false))
			if len(l.spare) != tc.want || l.spareBytes > tc.bytes {
				t.Fatalf("%d spares (%d B); want %d within %d B", len(l.spare), l.spareBytes, tc.want, tc.bytes)
			}
		})
	}
}

// Copies handed out when the connection ends are the caller's: nothing cut
// afterwards overwrites them.
func TestLedgerTakenCopiesNeverReused(t *testing.T) {
	l := newLedger(1024, 1<<20, &signal{})
	writeCopy(t, l, []byte("kept"))
	taken := l.take()
	if len(taken) != 1 || taken[0].slab != nil {
		t.Fatalf("take = %+v, want one entry without its slab", taken)
	}
	if l.cur != nil || len(l.spare) != 0 {
		t.Fatal("the ledger kept slabs after take")
	}
	for range 100 {
		l.copyOf([]byte("overwrite"))
	}
	if got := string(taken[0].msg.Data); got != "kept" {
		t.Fatalf("taken copy = %q, want %q", got, "kept")
	}
}

func TestLedgerLargeCopiesAllocatedAlone(t *testing.T) {
	l := newLedger(1024, 8<<20, &signal{})
	big := bytes.Repeat([]byte("x"), maxSlabCopy+1)
	cp, s := l.copyOf(big)
	if s != nil || !bytes.Equal(cp, big) || l.cur != nil {
		t.Fatalf("copy of %d B: slab %v, equal %v; want a lone copy", len(big), s, bytes.Equal(cp, big))
	}
	if cp, s := l.copyOf(nil); s != nil || len(cp) != 0 {
		t.Fatalf("copy of nothing = %q, slab %v", cp, s)
	}
}

// Evicting the oldest copy (a connection that cannot confirm) frees its space.
func TestLedgerEvictionReleasesSlab(t *testing.T) {
	l := newLedger(2, 1<<20, &signal{})
	for range 3 {
		cp, s := l.copyOf(make([]byte, 40<<10))
		l.add(written{msg: transport.BinaryMessage(cp), slab: s}, true)
	}
	if len(l.items) != 2 || len(l.spare) != 1 {
		t.Fatalf("after evicting one of 3 copies: %d entries, %d spares; want 2 and 1", len(l.items), len(l.spare))
	}
}
