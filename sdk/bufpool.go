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

// pooledCopy returns a copy of b and, when it came from a pool, the handle
// to recycle it with (nil otherwise). Handles are reused with their buffers,
// so a steady stream allocates nothing here.
func pooledCopy(b []byte) ([]byte, *[]byte) {
	i := poolClass(len(b))
	if i < 0 {
		return append([]byte(nil), b...), nil
	}
	h, ok := copyPools[i].Get().(*[]byte)
	if !ok {
		buf := make([]byte, 0, 1<<(i+minPooledShift))
		h = &buf
	}
	*h = append((*h)[:0], b...)
	return *h, h
}

// recycle returns a pooled copy once nothing refers to its data any more.
func recycle(h *[]byte) {
	if i := poolClass(cap(*h)); i >= 0 {
		*h = (*h)[:0]
		copyPools[i].Put(h)
	}
}
