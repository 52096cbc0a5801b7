package sdk

import (
	"context"

	"github.com/tetherws/tether/transport"
)

// Receive returns the next message from the server. It keeps working across
// reconnects: it returns an error only when ctx ends, or when the client is
// closed or has given up and every message received before has been returned
// (the error wraps ErrClosed, and the cause when there is one). Messages are
// returned in the order the server sent them; the caller owns Data.
//
// When no one else is reading, Receive reads the socket on the caller's
// goroutine, which saves a goroutine handoff per message, with any context
// whose end can leave the connection open: in the browser always, natively
// with context.Background() and, when the handshake went through net/http's
// transport (the default, and any http.Transport), with a context that can
// end too: if it ends while a message is arriving, Receive returns that
// message once it is whole (nothing read is ever dropped). Otherwise it waits
// for the connection's reader goroutine. Both see the same messages in the
// same order.
//
// A ctx that has already ended makes Receive a poll that never blocks, for
// loops that must not wait (a UI or game loop): it returns a message that is
// ready, or ctx's error at once.
func (c *Client) Receive(ctx context.Context) (transport.Message, error) {
	e, err := c.next(ctx, false)
	return e.msg, err
}

// next returns the next message, or with events the next entry of any kind.
func (c *Client) next(ctx context.Context, events bool) (entry, error) {
	if e, ok, err := c.receiveDirect(ctx, events); ok {
		return e, err
	}
	return c.receiveQueued(ctx, events)
}

// polled is a context that has already ended: a read with it takes only what
// is already there.
var polled = func() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}()

// takeEntry takes the oldest inbox entry that the caller wants: events are
// skipped unless it asked for them.
func (c *Client) takeEntry(events bool) (entry, bool) {
	for {
		e, ok := c.inbox.take()
		if !ok || events || e.ev == nil {
			return e, ok
		}
	}
}

// receiveDirect reads on the caller's goroutine while it can take the read
// turn of the ready connection; ok is false when the caller must wait on the
// inbox instead.
func (c *Client) receiveDirect(ctx context.Context, events bool) (e entry, ok bool, err error) {
	forever, poll := ctx.Done() == nil, ctx.Err() != nil
	for {
		if e, ok := c.takeEntry(events); ok {
			return e, true, nil
		}
		cn := c.ready.Load()
		if cn == nil || !canReadDirect(cn, forever, poll) || cn.ctx.Err() != nil || !cn.turn.tryDirect() {
			return entry{}, false, nil
		}
		e, ok, err := c.readDirect(ctx, cn, events)
		if ok || err != nil {
			return e, true, err
		}
		if cn.ctx.Err() != nil {
			return entry{}, false, nil
		}
	}
}

// canReadDirect reports whether a caller may read cn on its own goroutine:
// with a context that can never end, or one whose end leaves cn open
// (cancelableRead; else coder/websocket closes the connection when a read's
// context ends). A poll (a context that has already ended: Receive, Next)
// must moreover never wait, so not where a heartbeat answer may have to be
// written, and it reads what the browser has queued: natively it takes only
// what the reader goroutine put in the inbox.
func canReadDirect(cn *connection, forever, poll bool) bool {
	switch {
	case poll:
		return cn.queued != nil && cn.plan.Reply == nil
	case forever:
		return true
	}
	return cn.cancelableRead
}

// readDirect reads one message while holding cn's read turn. ok is false for
// a message that was not for Receive (a pong), when the read failed and when
// an event interrupted it; err is ctx's error when ctx ended first. A Next
// caller (events) on a native connection whose reads can be interrupted
// reads with a context that the next lifecycle event ends, so events never
// wait for a message.
func (c *Client) readDirect(ctx context.Context, cn *connection, events bool) (entry, bool, error) {
	defer cn.turn.doneDirect()
	readCtx := ctx
	if events && cn.queued == nil && cn.cancelableRead {
		var stop func()
		readCtx, stop = c.inbox.watchEvents(ctx)
		defer stop()
	}
	if e, ok := c.takeEntry(events); ok { // delivered just before the turn was ours
		return e, true, nil
	}
	m, err := c.readOne(readCtx, cn)
	switch {
	case err == nil:
		return entry{msg: m}, m.Type != 0, nil
	case ctx.Err() != nil && cn.ctx.Err() == nil:
		return entry{}, false, ctx.Err()
	}
	return entry{}, false, nil
}

// receiveQueued waits for the reader goroutine to put a message in the inbox,
// waking it unless the caller could have read directly but for the
// connection's state (another direct reader wakes it when done).
func (c *Client) receiveQueued(ctx context.Context, events bool) (entry, error) {
	cn := c.ready.Load()
	if (ctx.Done() != nil && (cn == nil || !canReadDirect(cn, false, ctx.Err() != nil))) ||
		(cn != nil && cn.turn.holding.Load()) {
		c.needReader.Add(1)
		defer c.needReader.Add(-1)
		if cn != nil {
			cn.turn.wakeReader()
		}
	}
	for {
		e, ok, err := c.inbox.get(ctx, c.done)
		switch {
		case err != nil:
			return entry{}, err
		case !ok:
			return entry{}, c.Err()
		case events || e.ev == nil:
			return e, nil
		}
	}
}
