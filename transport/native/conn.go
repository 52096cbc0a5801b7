//go:build !js

package native

import (
	"context"
	"io"
	"net/http"
	"sync"
	"sync/atomic"

	"github.com/coder/websocket"
	"github.com/tetherws/tether/transport"
)

// Conn is an open native connection. See transport.Conn for the concurrency rules.
type Conn struct {
	ws        *websocket.Conn
	protocols []string
	closed    atomic.Bool
	closeOnce sync.Once
	buf       []byte // owned by the single reader
}

var _ transport.Conn = (*Conn)(nil)

func newConn(ws *websocket.Conn, resp *http.Response) *Conn {
	return &Conn{ws: ws, protocols: splitHeader(resp.Header.Values("Sec-WebSocket-Protocol"))}
}

// Read reads one message into a reused buffer and returns an exact-size copy the
// caller owns: one allocation per message, whatever its size.
func (c *Conn) Read(ctx context.Context) (transport.MessageType, []byte, error) {
	typ, r, err := c.ws.Reader(ctx)
	if err != nil {
		return 0, nil, connError("read", err, c.closed.Load())
	}
	n, err := c.readAll(r)
	if err != nil {
		return 0, nil, connError("read", err, c.closed.Load())
	}
	out := make([]byte, n)
	copy(out, c.buf[:n])
	return transport.MessageType(typ), out, nil
}

func (c *Conn) readAll(r io.Reader) (int, error) {
	if c.buf == nil {
		c.buf = make([]byte, 4096)
	}
	n := 0
	for {
		if n == len(c.buf) {
			c.buf = append(c.buf, make([]byte, len(c.buf))...)
		}
		m, err := r.Read(c.buf[n:])
		n += m
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return n, err
		}
	}
}

// Write writes one message. Safe for concurrent use.
func (c *Conn) Write(ctx context.Context, typ transport.MessageType, p []byte) error {
	if c.closed.Load() {
		return transport.ErrClosed
	}
	if err := c.ws.Write(ctx, websocket.MessageType(typ), p); err != nil {
		return connError("write", err, c.closed.Load())
	}
	return nil
}

// Ping sends a ping frame and waits for its pong; a goroutine must be in Read.
func (c *Conn) Ping(ctx context.Context) error {
	if err := c.ws.Ping(ctx); err != nil {
		return connError("ping", err, c.closed.Load())
	}
	return nil
}

// Close performs the close handshake (coder/websocket bounds it to 5 s) and
// releases the connection. A peer that does not answer the close frame does not
// make Close fail: the connection is released all the same. Later calls are no-ops.
func (c *Conn) Close(code int, reason string) error {
	c.closeOnce.Do(func() {
		c.closed.Store(true)
		if err := c.ws.Close(websocket.StatusCode(code), reason); err != nil {
			c.ws.CloseNow()
		}
	})
	return nil
}

// Abort releases a connection already known to be dead (heartbeat timeout,
// rejected handshake answer) at once, without a close frame: coder/websocket's
// Close would wait up to 5 s for a peer that cannot answer, and a close frame
// cannot reach a black-holed peer anyway. The peer sees an abnormal closure.
func (c *Conn) Abort(code int, reason string) {
	c.closeOnce.Do(func() {
		c.closed.Store(true)
		_ = c.ws.CloseNow()
	})
}

// Subprotocol returns the server's selected subprotocol, or "".
func (c *Conn) Subprotocol() string { return c.ws.Subprotocol() }

// SubprotocolHeader returns every Sec-WebSocket-Protocol value the server sent.
func (c *Conn) SubprotocolHeader() []string { return c.protocols }

// BufferedAmount is always 0: writes go straight to the socket.
func (c *Conn) BufferedAmount() int64 { return 0 }

// CancelableRead reports false: coder/websocket closes the connection when a
// read's context ends.
func (c *Conn) CancelableRead() bool { return false }

// TryWrite never writes: a socket write may block. Callers use Write.
func (c *Conn) TryWrite(transport.MessageType, []byte) (bool, error) { return false, nil }
