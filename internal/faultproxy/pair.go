//go:build !js

package faultproxy

import (
	"errors"
	"io"
	"net"
	"sync/atomic"
)

// bufSize is the copy buffer per direction.
const bufSize = 32 << 10

// pair is one proxied connection: the accepted client side and the dialed upstream.
type pair struct {
	client, upstream net.Conn
}

// run copies in both directions until both are finished, then closes both sides.
// It blocks until the second direction's goroutine has returned.
func (pr *pair) run(p *Proxy) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		p.pump(pr, pr.client, pr.upstream, &p.traffic.down)
	}()
	p.pump(pr, pr.upstream, pr.client, &p.traffic.up)
	<-done
	pr.close()
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
		switch {
		case p.blackhole.Load():
		case errors.Is(err, io.EOF):
			closeWrite(dst)
		default:
			pr.close()
		}
		return
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
	_ = pr.client.Close()
	_ = pr.upstream.Close()
}

func (pr *pair) reset() {
	resetConn(pr.client)
	resetConn(pr.upstream)
}

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
