package sdk

import "context"

// Receive returns the next message from the server. It keeps working across
// reconnects: it returns an error only when ctx ends, or when the client is
// closed or has given up and every message received before has been returned
// (the error wraps ErrClosed, and the cause when there is one). Messages are
// returned in the order the server sent them; the caller owns Data.
//
// When no one else is reading, Receive reads the socket on the caller's
// goroutine, which saves a goroutine handoff per message: natively with a
// context that can never end (context.Background()), in the browser with any
// context (its reads can be abandoned safely). Otherwise it waits for the
// connection's reader goroutine. Both see the same messages in the same order.
func (c *Client) Receive(ctx context.Context) (Message, error) {
	if m, ok, err := c.receiveDirect(ctx); ok {
		return m, err
	}
	return c.receiveQueued(ctx)
}

// TryReceive returns the next message if it is available without waiting,
// and never blocks: for callers that must not wait, such as the browser
// shim's event path, which polls it when the browser delivers a message. ok
// is false when no message is ready, when another goroutine is reading the
// socket, or when reading it could wait: natively, and on connections whose
// heartbeat answers server pings (the answer's write could wait). Receive
// gets such messages; both see the same messages in the same order.
func (c *Client) TryReceive() (Message, bool) {
	m, ok, err := c.receiveDirect(polled)
	return m, ok && err == nil
}

// polled is a context that has already ended: a read with it takes only what
// is already there.
var polled = func() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}()

// receiveDirect reads on the caller's goroutine while it can take the read
// turn of the ready connection; ok is false when the caller must wait on the
// inbox instead.
func (c *Client) receiveDirect(ctx context.Context) (m Message, ok bool, err error) {
	forever := ctx.Done() == nil
	for {
		if m, ok := c.inbox.take(); ok {
			return m, true, nil
		}
		cn := c.ready.Load()
		if cn == nil || !canReadDirect(cn, ctx, forever) || cn.ctx.Err() != nil || !cn.turn.tryDirect() {
			return Message{}, false, nil
		}
		m, ok, err := c.readDirect(ctx, cn)
		if ok || err != nil {
			return m, true, err
		}
		if cn.ctx.Err() != nil {
			return Message{}, false, nil
		}
	}
}

// canReadDirect reports whether a caller with ctx may read cn on its own
// goroutine: natively only when ctx can never end (coder/websocket closes the
// connection when a read's context ends). A poll (polled, TryReceive) must
// moreover never wait, so not where a heartbeat answer may have to be written.
func canReadDirect(cn *connection, ctx context.Context, forever bool) bool {
	switch {
	case ctx == polled:
		return cn.cancelableRead && cn.plan.Reply == nil
	case forever:
		return true
	}
	return cn.cancelableRead
}

// readDirect reads one message while holding cn's read turn. ok is false for
// a message that was not for Receive (a pong) and when the read failed; err is
// ctx's error when ctx ended first.
func (c *Client) readDirect(ctx context.Context, cn *connection) (Message, bool, error) {
	defer cn.turn.doneDirect()
	if m, ok := c.inbox.take(); ok { // delivered just before the turn was ours
		return m, true, nil
	}
	m, err := c.readOne(ctx, cn)
	switch {
	case err == nil:
		return m, m.Type != 0, nil
	case ctx.Err() != nil && cn.ctx.Err() == nil:
		return Message{}, false, ctx.Err()
	}
	return Message{}, false, nil
}

// receiveQueued waits for the reader goroutine to put a message in the inbox.
func (c *Client) receiveQueued(ctx context.Context) (Message, error) {
	cn := c.ready.Load()
	if (ctx.Done() != nil && (cn == nil || !cn.cancelableRead)) || (cn != nil && cn.turn.holding.Load()) {
		c.needReader.Add(1)
		defer c.needReader.Add(-1)
		if cn != nil {
			cn.turn.wakeReader()
		}
	}
	m, ok, err := c.inbox.get(ctx, c.done)
	if err != nil {
		return Message{}, err
	}
	if !ok {
		return Message{}, c.Err()
	}
	return m, nil
}
