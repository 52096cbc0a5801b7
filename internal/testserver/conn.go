//go:build !js

package testserver

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
)

// tapConn is the server's side of one hijacked connection. It can be dropped from
// any goroutine and can go silent: while silent, bytes read are discarded and
// writes are swallowed, but the TCP connection stays open.
type tapConn struct {
	net.Conn
	silent    atomic.Bool
	closeOnce sync.Once
	closed    chan struct{}
}

func newTapConn(c net.Conn) *tapConn {
	return &tapConn{Conn: c, closed: make(chan struct{})}
}

// Read reads from the connection, discarding everything while silent.
func (c *tapConn) Read(p []byte) (int, error) {
	for {
		n, err := c.Conn.Read(p)
		if !c.silent.Load() || err != nil {
			return n, err
		}
	}
}

// Write writes to the connection, or pretends to while silent.
func (c *tapConn) Write(p []byte) (int, error) {
	if c.silent.Load() {
		return len(p), nil
	}
	return c.Conn.Write(p)
}

// Close closes the TCP connection (no close frame) and marks it closed.
func (c *tapConn) Close() error {
	err := c.Conn.Close()
	c.closeOnce.Do(func() { close(c.closed) })
	return err
}

// closeWrite half-closes the connection (TCP FIN) where the transport allows it.
func (c *tapConn) closeWrite() {
	if cw, ok := c.Conn.(interface{ CloseWrite() error }); ok {
		_ = cw.CloseWrite()
	}
}

func (c *tapConn) goSilent() { c.silent.Store(true) }

func (c *tapConn) isSilent() bool { return c.silent.Load() }

// hijackWriter wraps a ResponseWriter so that the connection coder/websocket
// hijacks in Accept is a *tapConn the server can drop or silence later.
// It deliberately has no Unwrap method, so Accept must use its Hijack.
type hijackWriter struct {
	http.ResponseWriter
	conn *tapConn
	// readBuffer, when above zero, pins the socket's receive buffer (SO_RCVBUF)
	// to that many bytes before the 101 response goes out (see SlowReadBuffer).
	readBuffer int
}

// Hijack hijacks the underlying connection and returns it wrapped in a tapConn.
func (w *hijackWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	nc, brw, err := http.NewResponseController(w.ResponseWriter).Hijack()
	if err != nil {
		return nil, nil, err
	}
	if err := pinReadBuffer(nc, w.readBuffer); err != nil {
		_ = nc.Close()
		return nil, nil, err
	}
	if err := brw.Flush(); err != nil {
		_ = nc.Close()
		return nil, nil, fmt.Errorf("flush before hijack: %w", err)
	}
	w.conn = newTapConn(nc)
	brw.Writer.Reset(w.conn)
	return w.conn, brw, nil
}

// pinReadBuffer sets c's receive buffer to n bytes (nothing when n is 0). It
// runs before the 101 response is flushed, so before the client can send a
// frame and before the kernel's autotuning has grown the buffer: setting
// SO_RCVBUF also turns autotuning off for the socket, so the buffer stays small
// whatever net.ipv4.tcp_rmem allows (Linux doubles n for its bookkeeping and
// caps it at net.core.rmem_max).
func pinReadBuffer(c net.Conn, n int) error {
	if n <= 0 {
		return nil
	}
	rb, ok := c.(interface{ SetReadBuffer(int) error })
	if !ok {
		return fmt.Errorf("testserver: cannot pin the receive buffer of a %T", c)
	}
	if err := rb.SetReadBuffer(n); err != nil {
		return fmt.Errorf("testserver: pin the receive buffer: %w", err)
	}
	return nil
}

// closeOnDone closes c once ctx is done. The returned stop function cancels that
// and, if the close already started, waits for it to finish, so no goroutine
// outlives the caller.
func closeOnDone(ctx context.Context, c io.Closer) (stop func()) {
	done := make(chan struct{})
	stopAfter := context.AfterFunc(ctx, func() {
		defer close(done)
		_ = c.Close()
	})
	return func() {
		if !stopAfter() {
			<-done
		}
	}
}
