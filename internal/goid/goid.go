// Package goid reads the current goroutine's id. Tether uses it only to tell
// whether Close was called from a callback running on the goroutine that Close
// would otherwise wait for.
package goid

import (
	"bytes"
	"runtime"
	"strconv"
)

// Current returns the id from the goroutine's stack header
// ("goroutine 42 [running]:"), or 0 if it cannot be read.
func Current() uint64 {
	var buf [64]byte
	b := buf[:runtime.Stack(buf[:], false)]
	b = bytes.TrimPrefix(b, []byte("goroutine "))
	if i := bytes.IndexByte(b, ' '); i > 0 {
		b = b[:i]
	}
	id, _ := strconv.ParseUint(string(b), 10, 64)
	return id
}
