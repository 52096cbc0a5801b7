//go:build !js

package faultproxy

import (
	"bytes"
	"net"
	"sync/atomic"
	"time"
)

// delayChunks bounds the chunks (of up to bufSize bytes) in flight in one
// direction of a delayed pair; a reader that gets that far ahead waits, as a
// sender does for a full TCP window.
const delayChunks = 4096

// chunk is what one read of a direction's source returned, due at the other
// side at due: bytes, the end of the source (err), or both.
type chunk struct {
	b   []byte
	err error
	due time.Time
}

// SetDelay gives the connections accepted from now on a one-way delay of d
// in each direction, as a long link has (a round trip gains 2·d); bandwidth
// is not limited and the order of bytes and of a half-close is kept. Zero,
// the default, forwards at once. Open connections keep the delay they have.
func (p *Proxy) SetDelay(d time.Duration) { p.delay.Store(int64(d)) }

// pumpDelayed is pump through a delay line: this goroutine reads src and
// queues each chunk with the time it is due; a goroutine of its own, which
// pumpDelayed waits for, writes each chunk to dst once due and passes the
// end of src on after the bytes before it.
func (p *Proxy) pumpDelayed(pr *pair, dst, src net.Conn, sent *atomic.Int64) {
	line := make(chan chunk, delayChunks)
	stop := make(chan struct{}) // closed when the writer gave up: dst failed
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer close(stop)
		p.deliverLine(pr, dst, line, sent)
	}()
	defer func() { close(line); <-done }()
	buf := make([]byte, bufSize)
	for {
		n, err := src.Read(buf)
		c := chunk{b: bytes.Clone(buf[:n]), err: err, due: time.Now().Add(pr.delay)}
		select {
		case line <- c:
		case <-stop:
			return
		}
		if err != nil {
			return
		}
	}
}

// deliverLine writes the chunks of line to dst, each once due, until the
// source's end, a failed write (which closes the pair) or the pair's end.
func (p *Proxy) deliverLine(pr *pair, dst net.Conn, line <-chan chunk, sent *atomic.Int64) {
	t := time.NewTimer(time.Hour)
	t.Stop()
	for c := range line {
		if wait := time.Until(c.due); wait > 0 {
			t.Reset(wait)
			select {
			case <-t.C:
			case <-pr.ended:
				return
			}
		}
		if len(c.b) > 0 && !p.forward(dst, c.b, sent) {
			pr.close()
			return
		}
		if c.err != nil {
			p.passEnd(pr, dst, c.err)
			return
		}
	}
}
