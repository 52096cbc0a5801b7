package sdk

import "math/bits"

// The copies a ledger keeps of messages whose data the client does not own
// (Send's caller may reuse its slice once Send returns) are cut, in write
// order, from slabs: blocks of memory the ledger owns. A pong confirms copies
// in write order, so a slab whose copies were all confirmed is whole again
// and is reused for the next writes: a steady stream copies into the same few
// slabs and allocates nothing per message, and a new connection allocates a
// handful of slabs for its first window instead of one buffer per message.
//
// Slabs grow with the stream, from minSlab to maxSlab bytes (a copy larger
// than that gets a slab of its own, rounded up to a power of two); a copy
// over maxSlabCopy is allocated alone and left to the garbage collector. A
// ledger keeps the slabs it confirmed for its next writes, bounded by its own
// window (MaxUnconfirmed slabs, MaxUnconfirmedBytes), until a ping goes out
// with nothing written since the previous one (the connection went quiet for
// a heartbeat interval) or the connection ends: an idle client holds none.
//
// Copies handed out by take (re-sent on the next connection, or handed back
// to the application) are never reused: take drops the ledger's slabs.
const (
	minSlab     = 1 << 10 // a new connection's first slab
	maxSlab     = 64 << 10
	maxSlabCopy = 1 << 20 // larger copies are allocated alone
)

// slab is a block copies are cut from, in order. The zero value is unusable:
// newSlab makes one.
type slab struct {
	buf  []byte // len(buf) bytes are cut; cap(buf) is the slab's size
	live int    // copies cut from it not yet confirmed; guarded by the ledger's mu
}

func newSlab(size int) *slab { return &slab{buf: make([]byte, 0, size)} }

// copyOf returns a copy of b, cut from a slab (returned, to be released when
// the copy is confirmed) or, when b is over maxSlabCopy, allocated alone
// (nil slab). The copy itself happens outside the lock the pong reader
// needs: the space is reserved first.
func (l *ledger) copyOf(b []byte) ([]byte, *slab) {
	if len(b) == 0 || len(b) > maxSlabCopy {
		return append([]byte(nil), b...), nil
	}
	l.mu.Lock()
	s, cp := l.cut(len(b))
	l.mu.Unlock()
	copy(cp, b)
	return cp, s
}

// cut reserves n bytes, from the current slab when they fit, else from a
// spare or a new slab, which becomes the current one. Callers hold l.mu.
func (l *ledger) cut(n int) (*slab, []byte) {
	s := l.cur
	if s == nil || cap(s.buf)-len(s.buf) < n {
		s = l.nextSlab(n)
		l.cur = s
	}
	start := len(s.buf)
	s.buf = s.buf[:start+n]
	s.live++
	return s, s.buf[start : start+n : start+n]
}

// nextSlab returns an empty slab of at least n bytes: the current one when
// nothing in it waits for confirmation, else the newest spare that fits,
// else a new one (as large as the last new one twice over, up to maxSlab).
// Callers hold l.mu.
func (l *ledger) nextSlab(n int) *slab {
	if s := l.cur; s != nil && s.live == 0 && cap(s.buf) >= n {
		s.buf = s.buf[:0]
		return s
	}
	if k := len(l.spare); k > 0 && cap(l.spare[k-1].buf) >= n {
		s := l.spare[k-1]
		l.spare[k-1] = nil
		l.spare = l.spare[:k-1]
		l.spareBytes -= int64(cap(s.buf))
		return s
	}
	l.slabSize = min(max(2*l.slabSize, minSlab), maxSlab)
	return newSlab(max(l.slabSize, 1<<bits.Len(uint(n-1))))
}

// release drops a confirmed (or evicted) copy's claim on its slab; a slab
// left with nothing to confirm, other than the current one, is kept for the
// next writes while the spares are within the window's bounds. Callers hold
// l.mu.
func (l *ledger) release(s *slab) {
	s.live--
	if s.live > 0 || s == l.cur {
		return
	}
	size := int64(cap(s.buf))
	if len(l.spare) >= l.maxCount || l.spareBytes+size > l.maxBytes {
		return // the garbage collector takes it
	}
	s.buf = s.buf[:0]
	l.spare = append(l.spare, s)
	l.spareBytes += size
}

// dropSlabs lets the garbage collector take the spares, and the current slab
// when nothing in it waits for confirmation; the next copy starts again from
// minSlab. Callers hold l.mu.
func (l *ledger) dropSlabs() {
	clear(l.spare)
	l.spare, l.spareBytes = nil, 0
	if l.cur != nil && l.cur.live == 0 {
		l.cur, l.slabSize = nil, 0
	}
}
