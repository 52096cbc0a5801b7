package sdk

import "context"

// Receive returns the next message from the server. It keeps working across
// reconnects: it returns an error only when ctx ends, or when the client is
// closed or has given up and every message received before has been returned
// (the error wraps ErrClosed, and the cause when there is one). Messages are
// returned in the order the server sent them; the caller owns Data.
//
// With a context that can never end (context.Background()), Receive reads the
// socket on the caller's goroutine when no one else does, which saves a
// goroutine handoff per message; other contexts wait for the connection's
// reader goroutine. Both see the same messages in the same order.
func (c *Client) Receive(ctx context.Context) (Message, error) {
	if ctx.Done() == nil {
		if m, ok := c.receiveDirect(); ok {
			return m, nil
		}
	}
	return c.receiveQueued(ctx)
}

// receiveDirect reads on the caller's goroutine while it can take the read
// turn of the ready connection; ok is false when the caller must wait on the
// inbox instead.
func (c *Client) receiveDirect() (Message, bool) {
	for {
		if m, ok := c.inbox.take(); ok {
			return m, true
		}
		cn := c.ready.Load()
		if cn == nil || cn.ctx.Err() != nil || !cn.turn.tryDirect() {
			return Message{}, false
		}
		m, ok := c.readDirect(cn)
		if ok {
			return m, true
		}
		if cn.ctx.Err() != nil {
			return Message{}, false
		}
	}
}

// readDirect reads one message while holding cn's read turn. ok is false for a
// message that was not for Receive (a pong) and when the read failed.
func (c *Client) readDirect(cn *connection) (Message, bool) {
	defer cn.turn.doneDirect()
	if m, ok := c.inbox.take(); ok { // delivered just before the turn was ours
		return m, true
	}
	m, err := c.readOne(cn)
	return m, err == nil && m.Type != 0
}

// receiveQueued waits for the reader goroutine to put a message in the inbox.
func (c *Client) receiveQueued(ctx context.Context) (Message, error) {
	cn := c.ready.Load()
	if ctx.Done() != nil || (cn != nil && cn.turn.holding.Load()) {
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
