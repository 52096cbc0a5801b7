package sdk

import (
	"math/bits"
	"sync"
)

// The copies the client keeps of messages whose data it does not own (Send,
// SendBinary: the caller may reuse its slice once Send returns) until a pong
// confirms them come from size-classed pools: a steady stream reuses the
// same few buffers instead of allocating one per message.
const (
	minPooledShift = 6  // 64 B
	maxPooledShift = 20 // 1 MiB; larger copies are allocated and left to the GC
)

var copyPools [maxPooledShift - minPooledShift + 1]sync.Pool

// poolClass returns the pool index for n bytes, or -1 when n is not pooled.
func poolClass(n int) int {
	if n <= 0 || n > 1<<maxPooledShift {
		return -1
	}
	shift := bits.Len(uint(n - 1))
	return max(shift, minPooledShift) - minPooledShift
}

// pooledCopy returns a copy of b and whether it came from a pool.
func pooledCopy(b []byte) ([]byte, bool) {
	i := poolClass(len(b))
	if i < 0 {
		return append([]byte(nil), b...), false
	}
	if p, ok := copyPools[i].Get().(*[]byte); ok {
		return append((*p)[:0], b...), true
	}
	buf := make([]byte, len(b), 1<<(i+minPooledShift))
	copy(buf, b)
	return buf, true
}

// recycle returns a pooled copy once nothing refers to it any more.
func recycle(b []byte) {
	if i := poolClass(cap(b)); i >= 0 && cap(b) == 1<<(i+minPooledShift) {
		b = b[:0]
		copyPools[i].Put(&b)
	}
}
