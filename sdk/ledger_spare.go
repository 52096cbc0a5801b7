package sdk

// A ledger keeps the buffers of the copies it confirmed (bufpool.go) for
// the connection's next writes instead of handing them to the shared pools
// at once: a sync.Pool is emptied by every other garbage collection, and a
// steady stream, whose copies wait up to BarrierDelay for their pong,
// would then allocate again after each one. The spares are bounded by the
// ledger's own window (count and bytes) and go back to the shared pools when
// a ping is written with nothing written since the previous one (the
// connection went quiet for a heartbeat interval) and when the connection
// ends.

// spareCopy returns a copy of b in one of the ledger's spare buffers, or
// from the shared pools when none of b's size class is at hand. The handle
// is nil when b is too large to pool.
func (l *ledger) spareCopy(b []byte) ([]byte, *[]byte) {
	l.mu.Lock()
	h := l.popSpare(poolClass(len(b)))
	l.mu.Unlock()
	if h == nil {
		return pooledCopy(b)
	}
	*h = append((*h)[:0], b...)
	return *h, h
}

// popSpare takes the most recently kept spare if it is of size class i.
// Callers hold l.mu.
func (l *ledger) popSpare(i int) *[]byte {
	n := len(l.spare)
	if i < 0 || n == 0 || poolClass(cap(*l.spare[n-1])) != i {
		return nil
	}
	h := l.spare[n-1]
	l.spare[n-1] = nil
	l.spare = l.spare[:n-1]
	l.spareBytes -= int64(cap(*h))
	return h
}

// keepSpare keeps a confirmed copy's buffer for the next writes, or recycles
// it to the shared pools when the spares are at the window's bounds. Callers
// hold l.mu; an ended ledger confirms nothing (take emptied it).
func (l *ledger) keepSpare(h *[]byte) {
	size := int64(cap(*h))
	if len(l.spare) >= l.maxCount || l.spareBytes+size > l.maxBytes {
		recycle(h)
		return
	}
	l.spare = append(l.spare, h)
	l.spareBytes += size
}

// releaseSpares hands every spare to the shared pools, where the garbage
// collector may reclaim them. Callers hold l.mu.
func (l *ledger) releaseSpares() {
	for i, h := range l.spare {
		recycle(h)
		l.spare[i] = nil
	}
	l.spare, l.spareBytes = nil, 0
}
