//go:build !js

package faultproxy

import (
	"errors"
	"io"
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// bufSize is the copy buffer per direction.
const bufSize = 32 << 10

// pair is one proxied connection: the accepted client side and the dialed
// upstream, and the one-way delay its bytes get (SetDelay when it was accepted).
type pair struct {
	client, upstream net.Conn
	delay            time.Duration
	ended            chan struct{} // closed by the first close or reset
	endOnce          sync.Once
}

func newPair(client, upstream net.Conn, delay time.Duration) *pair {
	return &pair{client: client, upstream: upstream, delay: delay, ended: make(chan struct{})}
}

// run copies in both directions until both are finished, then closes both sides.
// It blocks until the second direction's goroutine has returned.
func (pr *pair) run(p *Proxy) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		pr.direction(p, pr.client, pr.upstream, &p.traffic.down)
	}()
	pr.direction(p, pr.upstream, pr.client, &p.traffic.up)
	<-done
	pr.close()
}

// direction copies src to dst, through a delay line when the pair has a delay.
func (pr *pair) direction(p *Proxy, dst, src net.Conn, sent *atomic.Int64) {
	if pr.delay > 0 {
		p.pumpDelayed(pr, dst, src, sent)
		return
	}
	p.pump(pr, dst, src, sent)
}

// pump copies src to dst until src ends, adding the bytes written to dst to
// sent. While the proxy is blackholed, bytes are discarded and the end of src is
// not passed on. Otherwise EOF half-closes dst and any other failure aborts the
// whole pair.
func (p *Proxy) pump(pr *pair, dst, src net.Conn, sent *atomic.Int64) {
	buf := make([]byte, bufSize)
	for {
		n, err := src.Read(buf)
		if n > 0 && !p.forward(dst, buf[:n], sent) {
			pr.close()
			return
		}
		if err == nil {
			continue
		}
		p.passEnd(pr, dst, err)
		return
	}
}

// passEnd passes the end of a direction's source, err, on to dst.
func (p *Proxy) passEnd(pr *pair, dst net.Conn, err error) {
	switch {
	case p.blackhole.Load():
	case errors.Is(err, io.EOF):
		closeWrite(dst)
	default:
		pr.close()
	}
}

// forward writes b to dst and adds what was written to sent, or counts b as
// swallowed while blackholed.
func (p *Proxy) forward(dst net.Conn, b []byte, sent *atomic.Int64) bool {
	if p.blackhole.Load() {
		p.swallowed.Add(int64(len(b)))
		return true
	}
	n, err := dst.Write(b)
	sent.Add(int64(n))
	return err == nil
}

func (pr *pair) close() {
	pr.end()
	_ = pr.client.Close()
	_ = pr.upstream.Close()
}

func (pr *pair) reset() {
	pr.end()
	resetConn(pr.client)
	resetConn(pr.upstream)
}

// end tells the delay lines that the pair is over: bytes still in them are
// dropped, as a cut link drops what is in flight.
func (pr *pair) end() { pr.endOnce.Do(func() { close(pr.ended) }) }

// resetConn closes c with linger zero so the peer gets a TCP RST.
func resetConn(c net.Conn) {
	if tc, ok := c.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	_ = c.Close()
}

func closeWrite(c net.Conn) {
	if cw, ok := c.(interface{ CloseWrite() error }); ok {
		_ = cw.CloseWrite()
		return
	}
	_ = c.Close()
}
