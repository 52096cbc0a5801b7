//go:build js && wasm

package main

import (
	"context"
	"sync"
	"sync/atomic"

	"github.com/tetherws/tether/internal/errfmt"
	"github.com/tetherws/tether/sdk"
	"github.com/tetherws/tether/transport"
	"github.com/tetherws/tether/transport/jsws"
)

// gatedDialer wraps the browser transport so that the socket can
//   - hold back a connection's messages until its open event reached
//     JavaScript (the sdk starts reading before its OnOpen callback runs),
//   - read the browser's bufferedAmount of the current connection, and
//   - see which queued messages were handed to the browser (bufferedAmount).
type gatedDialer struct {
	inner transport.Dialer
	conns *connTracker
	acct  *accounting
}

func (d *gatedDialer) Dial(ctx context.Context, url string, opts transport.DialOptions) (transport.Conn, error) {
	attempt := d.conns.currentAttempt()
	tc, err := d.inner.Dial(ctx, url, opts)
	if err != nil {
		return nil, err
	}
	g := &gatedConn{Conn: tc, attempt: attempt, acct: d.acct,
		gate: make(chan struct{}), done: make(chan struct{})}
	if jc, ok := tc.(*jsws.Conn); ok {
		g.closed = jc.Closed()
	}
	d.conns.add(g)
	return g, nil
}

// gatedConn is one connection whose Read waits until its open event was
// delivered to JavaScript.
type gatedConn struct {
	transport.Conn
	attempt  int
	acct     *accounting
	gate     chan struct{} // closed by open
	opened   atomic.Bool
	gateOnce sync.Once
	done     chan struct{} // closed by Close or Abort
	doneOnce sync.Once
	closed   <-chan struct{} // closed by the browser's close event; nil if unknown
}

func (g *gatedConn) open() {
	g.gateOnce.Do(func() {
		g.opened.Store(true)
		close(g.gate)
	})
}

// Read waits at the gate, then reads. Waiting consumes nothing, so the
// promoted CancelableRead of the browser connection stays true of it.
func (g *gatedConn) Read(ctx context.Context) (transport.MessageType, []byte, error) {
	if !g.opened.Load() {
		select {
		case <-g.gate:
		case <-g.done:
			return 0, nil, errfmt.Errorf("%w: read", transport.ErrClosed)
		case <-ctx.Done():
			return 0, nil, ctx.Err()
		}
	}
	return g.Conn.Read(ctx)
}

func (g *gatedConn) Write(ctx context.Context, typ transport.MessageType, p []byte) error {
	err := g.Conn.Write(ctx, typ, p)
	if err == nil {
		g.acct.written(p)
	}
	return err
}

func (g *gatedConn) TryWrite(typ transport.MessageType, p []byte) (bool, error) {
	written, err := g.Conn.TryWrite(typ, p)
	if written {
		g.acct.written(p)
	}
	return written, err
}

func (g *gatedConn) Close(code int, reason string) error {
	g.doneOnce.Do(func() { close(g.done) })
	return g.Conn.Close(code, reason)
}

func (g *gatedConn) Abort(code int, reason string) {
	g.doneOnce.Do(func() { close(g.done) })
	g.Conn.Abort(code, reason)
}

// connTracker knows the attempt being dialled, the connections whose messages
// are held back and the latest connection.
type connTracker struct {
	mu      sync.Mutex
	attempt int // set by the sdk's BeforeDial hook, just before each Dial
	gated   []*gatedConn
	cur     *gatedConn
}

func (t *connTracker) setAttempt(n int) {
	t.mu.Lock()
	t.attempt = n
	t.mu.Unlock()
}

func (t *connTracker) currentAttempt() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.attempt
}

func (t *connTracker) add(g *gatedConn) {
	t.mu.Lock()
	t.gated = append(t.gated, g)
	t.cur = g
	t.mu.Unlock()
}

// release lets the messages of every connection up to attempt flow.
func (t *connTracker) release(attempt int) {
	t.mu.Lock()
	keep := t.gated[:0]
	for _, g := range t.gated {
		if g.attempt <= attempt {
			g.open()
		} else {
			keep = append(keep, g)
		}
	}
	clear(t.gated[len(keep):])
	t.gated = keep
	t.mu.Unlock()
}

// closed is closed once the latest connection's close event fired (nil
// before the first connection).
func (t *connTracker) closed() <-chan struct{} {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.cur == nil {
		return nil
	}
	return t.cur.closed
}

// buffered is the browser's bufferedAmount for the latest connection (browsers
// keep reporting it after the close, as this does).
func (t *connTracker) buffered() int64 {
	t.mu.Lock()
	cur := t.cur
	t.mu.Unlock()
	if cur == nil {
		return 0
	}
	return cur.BufferedAmount()
}

// accounting counts the bytes of messages accepted by send and not yet handed
// to the browser's WebSocket.send. Messages are written in the order they were
// queued, so each Write normally matches the oldest entry; entries before a
// match were dropped by the outbox.
type accounting struct {
	mu    sync.Mutex
	queue []pendingBuf
	head  int
	total int64
}

type pendingBuf struct {
	p *byte
	n int
}

func (a *accounting) add(b []byte) {
	if len(b) == 0 {
		return
	}
	a.mu.Lock()
	a.queue = append(a.queue, pendingBuf{p: &b[0], n: len(b)})
	a.total += int64(len(b))
	a.mu.Unlock()
}

func (a *accounting) bytes() int64 {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.total
}

// written removes b's entry and any older ones (dropped messages); heartbeat
// messages match nothing.
func (a *accounting) written(b []byte) {
	if len(b) == 0 {
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	i := a.find(b)
	if i < 0 {
		return
	}
	for ; a.head <= i; a.head++ {
		a.total -= int64(a.queue[a.head].n)
		a.queue[a.head] = pendingBuf{}
	}
	a.compact()
}

// forget removes b's entry alone (a refused or discarded message).
func (a *accounting) forget(b []byte) {
	if len(b) == 0 {
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if i := a.find(b); i >= 0 {
		a.total -= int64(a.queue[i].n)
		copy(a.queue[i:], a.queue[i+1:])
		a.queue[len(a.queue)-1] = pendingBuf{}
		a.queue = a.queue[:len(a.queue)-1]
		a.compact()
	}
}

func (a *accounting) drop(msgs []sdk.Message) {
	for _, m := range msgs {
		a.forget(m.Data)
	}
}

func (a *accounting) find(b []byte) int {
	for i := a.head; i < len(a.queue); i++ {
		if a.queue[i].p == &b[0] && a.queue[i].n == len(b) {
			return i
		}
	}
	return -1
}

func (a *accounting) compact() {
	if a.head == len(a.queue) {
		a.queue, a.head = a.queue[:0], 0
	} else if a.head > 1024 && a.head > len(a.queue)/2 {
		n := copy(a.queue, a.queue[a.head:])
		clear(a.queue[n:])
		a.queue, a.head = a.queue[:n], 0
	}
}
