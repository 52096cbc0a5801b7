//go:build !js

package native

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/coder/websocket"
	"github.com/tetherws/tether/internal/wserr"
	"github.com/tetherws/tether/transport"
)

// conn is an open native connection: a transport.Conn and a
// transport.Pinger. See transport.Conn for the concurrency rules.
//
// Read holds to RFC 6455 on what the server sends: a message the connection
// cut off fails with a *transport.NetworkError wrapping io.ErrUnexpectedEOF
// (never a shorter message); a masked frame fails the connection with 1002
// (wserr.ErrProtocolViolation); text or a close reason that is not UTF-8
// fails it with 1007 (wserr.ErrInvalidUTF8).
type conn struct {
	ws        *websocket.Conn
	stream    *serverStream
	protocols []string
	closed    atomic.Bool
	closeOnce sync.Once
	buf       []byte // owned by the single reader
	messages  int64  // data messages coder/websocket returned; owned by the single reader
}

var (
	_ transport.Conn   = (*conn)(nil)
	_ transport.Pinger = (*conn)(nil)
)

// errCutOff is what a message the connection ended inside fails with.
var errCutOff = fmt.Errorf("connection ended inside a message: %w", io.ErrUnexpectedEOF)

func newConn(ws *websocket.Conn, resp *http.Response, stream *serverStream) *conn {
	return &conn{ws: ws, stream: stream, protocols: splitHeader(resp.Header.Values("Sec-WebSocket-Protocol"))}
}

// Read reads one message into a reused buffer and returns an exact-size copy the
// caller owns: one allocation per message, whatever its size.
//
// When ctx ends while Read waits for a message, Read returns ctx's error and
// the connection stays open, on a connection whose stream can be interrupted
// (InterruptibleRead); a message that has started arriving is read to its end
// first. Otherwise (coder/websocket's rule) ctx's end closes the connection.
// Once Close began, such a Read fails with wserr.ErrClosed (one waiting when
// Close is called returns so, leaving the socket to the close handshake).
func (c *conn) Read(ctx context.Context) (transport.Message, error) {
	if ctx.Done() == nil {
		return c.read(ctx)
	}
	arming, ok, closing := c.stream.arm()
	switch {
	case closing:
		return transport.Message{}, connError("read", errInterrupted, true)
	case !ok:
		return c.read(ctx)
	}
	stop := context.AfterFunc(ctx, func() { c.stream.interrupt(arming) })
	m, err := c.read(context.Background())
	stop()
	c.stream.disarm()
	if err == errInterrupted { // ctx's end, or Close (closeReads)
		if ctx.Err() != nil {
			return transport.Message{}, ctx.Err()
		}
		return transport.Message{}, connError("read", err, true)
	}
	return m, err
}

// InterruptibleRead reports whether Read can end with its context and leave
// the connection open: whether the handshake's transport reported the
// connection it used (net/http's does).
func (c *conn) InterruptibleRead() bool { return c.stream.netConn != nil }

func (c *conn) read(ctx context.Context) (transport.Message, error) {
	typ, r, err := c.ws.Reader(ctx)
	if errors.Is(err, errInterrupted) {
		return transport.Message{}, errInterrupted
	}
	if err != nil {
		return transport.Message{}, c.readError(err)
	}
	n, err := c.readAll(r)
	if err != nil {
		return transport.Message{}, c.readError(err)
	}
	if err := c.check(typ, c.buf[:n]); err != nil {
		return transport.Message{}, err
	}
	out := make([]byte, n)
	copy(out, c.buf[:n])
	return transport.Message{Type: transport.MessageType(typ), Data: out}, nil
}

// check vets a message coder/websocket returned as complete. coder reports a
// connection that ended inside a message as the message's end (io.EOF), so
// the stream's own count of complete messages decides; and coder does not
// validate UTF-8.
func (c *conn) check(typ websocket.MessageType, p []byte) error {
	c.messages++
	if c.stream.messages.Load() < c.messages {
		return &transport.NetworkError{Op: "read", Err: errCutOff}
	}
	if typ == websocket.MessageText && !utf8.Valid(p) {
		return c.fail(transport.StatusInvalidPayload, "invalid UTF-8 in text message", wserr.ErrInvalidUTF8)
	}
	return nil
}

// readError maps an error from coder/websocket's reader.
func (c *conn) readError(err error) error {
	if errors.Is(err, errMaskedFrame) {
		return c.fail(transport.StatusProtocolError, "masked frame from server", wserr.ErrProtocolViolation)
	}
	return connError("read", err, c.closed.Load())
}

// fail fails the connection for a protocol violation (RFC 6455 §7.1.7): it
// sends a close frame with code and reason, without waiting for the peer's
// answer (reads stop at once), and releases the connection. The error wraps
// sentinel and a local *transport.CloseError with code and reason.
func (c *conn) fail(code int, reason string, sentinel error) error {
	c.closeOnce.Do(func() {
		c.closed.Store(true)
		c.stream.stop()
		if err := c.ws.Close(websocket.StatusCode(code), reason); err != nil {
			_ = c.ws.CloseNow()
		}
	})
	return fmt.Errorf("%w: %w", sentinel, &transport.CloseError{Code: code, Reason: reason})
}

func (c *conn) readAll(r io.Reader) (int, error) {
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
func (c *conn) Write(ctx context.Context, m transport.Message) error {
	if c.closed.Load() {
		return wserr.ErrClosed
	}
	if err := c.ws.Write(ctx, websocket.MessageType(m.Type), m.Data); err != nil {
		return connError("write", err, c.closed.Load())
	}
	return nil
}

// Ping sends a ping frame and waits for its pong; a goroutine must be in Read.
func (c *conn) Ping(ctx context.Context) error {
	if err := c.ws.Ping(ctx); err != nil {
		return connError("ping", err, c.closed.Load())
	}
	return nil
}

// Close performs the close handshake (bounded to closeBound, 5 s) and
// releases the connection. When the peer does not answer the close frame
// within the bound, Close returns an error (what was written may not have been
// read) and releases the connection all the same. Later calls are no-ops.
//
// A Read in progress whose context can end (see Read) is interrupted first and
// waited for: the handshake's reads must not share the socket with it. Both
// share the bound: one held past it inside a message makes Close release the
// connection without a close frame (errReadHeld), and the handshake that
// follows such a wait is cut at the same deadline.
func (c *conn) Close(code int, reason string) error { return c.close(code, reason, closeBound) }

// close is Close within bound.
func (c *conn) close(code int, reason string, bound time.Duration) (err error) {
	c.closeOnce.Do(func() {
		c.closed.Store(true)
		deadline := time.Now().Add(bound)
		waited, ok := c.stream.closeReads(deadline)
		if !ok {
			_ = c.ws.CloseNow()
			err = errReadHeld
			return
		}
		cut := func() bool { return false }
		if waited { // coder/websocket's own bound starts now: keep to ours
			cut = c.cutAt(deadline)
		}
		if err = c.ws.Close(websocket.StatusCode(code), reason); err != nil {
			_ = c.ws.CloseNow()
		}
		if cut() && err == nil { // coder/websocket reports a closed socket as success
			err = errCloseUnanswered
		}
	})
	return err
}

// cutAt closes the socket at deadline unless the returned function is called
// first; that function reports whether it did, once a cut that began has
// ended.
func (c *conn) cutAt(deadline time.Time) (stop func() (cut bool)) {
	done := make(chan struct{})
	t := time.AfterFunc(time.Until(deadline), func() {
		defer close(done)
		_ = c.stream.Close() // not CloseNow: during Close it only waits for Close
	})
	return func() bool {
		if t.Stop() {
			return false
		}
		<-done
		return true
	}
}

// errCloseUnanswered is Close's error when the server did not answer the
// close frame before the bound: what was written may not have been read.
var errCloseUnanswered = fmt.Errorf("tether: close: the server did not answer the close frame within %v", closeBound)

// errReadHeld is Close's error when a Read inside a message held the
// connection past closeBound: no close frame was sent.
var errReadHeld = fmt.Errorf("tether: close: a read inside a message held the connection for %v; closed without a close frame", closeBound)

// Abort releases a connection already known to be dead (heartbeat timeout,
// rejected handshake answer) at once, without a close frame: coder/websocket's
// Close would wait up to 5 s for a peer that cannot answer, and a close frame
// cannot reach a black-holed peer anyway. The peer sees an abnormal closure.
func (c *conn) Abort(code int, reason string) {
	c.closeOnce.Do(func() {
		c.closed.Store(true)
		_ = c.ws.CloseNow()
	})
}

// SubprotocolHeader returns every Sec-WebSocket-Protocol value the server sent.
func (c *conn) SubprotocolHeader() []string { return c.protocols }
