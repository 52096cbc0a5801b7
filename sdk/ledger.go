package sdk

import (
	"sync"

	"github.com/tetherws/tether/transport"
)

// written is a message written on a connection and not yet confirmed.
type written struct {
	msg   transport.Message
	acc   uint64 // the client's acceptance number (Flush)
	seq   uint64 // write order on the connection, from 1
	maybe bool   // a re-send: an earlier connection may have delivered it
	// slab, when not nil, holds msg.Data, the client's copy
	// (ledger_slab.go), whose space is reused once confirmed; a message
	// handed back is the caller's and never reused.
	slab *slab
}

// ledger holds one connection's written, unconfirmed messages in write
// order, bounded by count and bytes. A pong that answers a ping written
// after message M proves the server read M: confirm(seq) drops every entry
// written up to the ping. Safe for concurrent use.
type ledger struct {
	mu        sync.Mutex
	items     []written
	bytes     int64
	seq       uint64   // the last write's number
	requested bool     // a barrier was asked for since the last ping was written
	urged     bool     // a barrier at once was asked for: half the window written since that ping
	pingBytes int64    // bytes written since that ping
	pings     []uint64 // application pings written and not yet answered: the seq each covers
	progress  *signal  // told when entries leave (Flush, writers waiting for room)
	closed    bool     // the connection ended: take has emptied it for good
	maxCount  int
	maxBytes  int64
	// cur is the slab copies are cut from; spare holds emptied slabs for
	// the next writes, newest last, spareBytes their size; slabSize is the
	// size of the last new slab (ledger_slab.go). pingSeq is seq when the
	// previous ping was written.
	cur        *slab
	spare      []*slab
	spareBytes int64
	slabSize   int
	pingSeq    uint64
}

func newLedger(maxCount int, maxBytes int64, progress *signal) *ledger {
	return &ledger{maxCount: maxCount, maxBytes: maxBytes, progress: progress}
}

// barrierNeed is what a write asks of the heartbeat driver.
type barrierNeed uint8

const (
	barrierPending barrierNeed = iota // a barrier is already asked for: nothing
	barrierSoon                       // a barrier after DeliveryOptions.BarrierDelay
	barrierAtOnce                     // half the window written since the last ping
)

// add records a message written on the connection and says which barrier
// the caller asks for: one after the barrier delay for the first write since
// the last ping, and one at once when the writes since that ping reach half
// the window (by count or bytes), so the pong can free room before writers
// reach the bound and wait a round trip. ok is false once the connection
// ended: the caller hands m to the loss policy itself. With evict (a
// connection that cannot confirm) a full ledger drops its oldest entry: only
// the latest writes are kept for a report at a loss.
func (l *ledger) add(w written, evict bool) (need barrierNeed, ok bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return barrierPending, false
	}
	if evict && len(l.items) > 0 && (len(l.items) >= l.maxCount || l.bytes >= l.maxBytes) {
		l.bytes -= int64(len(l.items[0].msg.Data))
		if s := l.items[0].slab; s != nil {
			l.release(s)
		}
		l.items[0] = written{}
		l.items = l.items[1:]
	}
	l.seq++
	w.seq = l.seq
	l.items = append(l.items, w)
	l.bytes += int64(len(w.msg.Data))
	l.pingBytes += int64(len(w.msg.Data))
	return l.barrierFor(), true
}

// barrierFor is the barrier the writes since the last ping need. The caller
// holds mu.
func (l *ledger) barrierFor() barrierNeed {
	if !l.urged && (l.seq-l.pingSeq >= uint64(max(l.maxCount/2, 1)) || l.pingBytes >= l.maxBytes/2) {
		l.urged, l.requested = true, true
		return barrierAtOnce
	}
	if l.requested {
		return barrierPending
	}
	l.requested = true
	return barrierSoon
}

// full reports whether the window is at a bound: writers wait for room.
func (l *ledger) full() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.items) >= l.maxCount || l.bytes >= l.maxBytes
}

// room returns a channel closed at the next change, and whether there is
// room now (or the connection ended).
func (l *ledger) room() (<-chan struct{}, bool) {
	ch := l.progress.wait()
	l.mu.Lock()
	defer l.mu.Unlock()
	return ch, l.closed || (len(l.items) < l.maxCount && l.bytes < l.maxBytes)
}

// pingWritten records that a ping was written now: it covers every message
// written so far, which is returned. A later write needs a new barrier. A
// ping with nothing written since the previous one (a heartbeat on a quiet
// connection) lets the emptied slabs go.
func (l *ledger) pingWritten(app bool) uint64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.requested, l.urged, l.pingBytes = false, false, 0
	if l.seq == l.pingSeq {
		l.dropSlabs()
	}
	l.pingSeq = l.seq
	if app {
		l.pings = append(l.pings, l.seq)
	}
	return l.seq
}

// appPong pops the oldest application ping and confirms what it covers.
// Servers answer pings in order; a ping left unanswered only makes a later
// pong confirm less than it could.
func (l *ledger) appPong() (needBarrier bool) {
	l.mu.Lock()
	if len(l.pings) == 0 {
		l.mu.Unlock()
		return false
	}
	seq := l.pings[0]
	l.pings = l.pings[1:]
	l.mu.Unlock()
	return l.confirm(seq)
}

// confirm drops the entries written up to seq and reports whether others
// remain unconfirmed with no barrier pending for them.
func (l *ledger) confirm(seq uint64) (needBarrier bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for n < len(l.items) && l.items[n].seq <= seq {
		l.bytes -= int64(len(l.items[n].msg.Data))
		if s := l.items[n].slab; s != nil {
			l.release(s)
		}
		n++
	}
	if n > 0 {
		// Move the rest to the front and keep the array: a steady stream
		// (confirmed a part at a time) never reallocates it.
		rest := copy(l.items, l.items[n:])
		clear(l.items[rest:])
		l.items = l.items[:rest]
		defer l.progress.notify()
	}
	needBarrier = len(l.items) > 0 && !l.requested
	if needBarrier {
		l.requested = true
	}
	return needBarrier
}

// lastSeq is the number of the last write.
func (l *ledger) lastSeq() uint64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.seq
}

// take ends the ledger: it returns the unconfirmed entries in write order,
// and later adds fail. Their copies are theirs: no slab is reused after.
func (l *ledger) take() []written {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := l.items
	for i := range out {
		out[i].slab = nil
	}
	l.items, l.bytes, l.closed = nil, 0, true
	l.dropSlabs()
	l.cur = nil // the taken copies' slab is theirs
	return out
}

// countUpTo counts the entries accepted up to acc.
func (l *ledger) countUpTo(acc uint64) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, w := range l.items {
		if w.acc <= acc {
			n++
		}
	}
	return n
}
