package sdk

import (
	"context"
	"errors"

	"github.com/tetherws/tether/transport"
)

// Send sends m and returns once it has been written to an open socket. While
// the client is not open (connecting, reconnecting) the message waits in the
// outbox and is sent, in order, after the next open; if the connection breaks
// before the message was written, it is sent again on the next connection.
// Send returns an error when ctx ends before the write starts (the message is
// then not sent), when the outbox is full (ErrOutboxFull), when the client
// is closed (ErrClosed) or for invalid input (ErrInvalidUTF8,
// ErrInvalidArgument). ctx bounds only that wait: a write that has started
// is never cut off (that would break the connection for every sender), so
// Send then returns once the write completes or the connection fails. Safe for
// concurrent use; concurrent messages are written whole, one at a time.
func (c *Client) Send(ctx context.Context, m transport.Message) error { return c.send(ctx, m, false) }

// send is Send; owned says m.Data is the client's (a copy made for it), so
// keeping it until confirmed needs no copy of its own.
func (c *Client) send(ctx context.Context, m transport.Message, owned bool) error {
	if err := validateMessage(m); err != nil {
		return err
	}
	if err := c.usable(ctx); err != nil {
		return err
	}
	acc := c.accepted.Add(1)
	sent, err := c.sendDirect(ctx, m, acc, owned)
	if sent || err != nil {
		return err
	}
	return c.sendQueued(ctx, m, acc, owned)
}

// Enqueue sends m without waiting, for callers that must not block (UI
// threads). Where the transport can write without blocking (browsers), an
// open connection with nothing queued ahead gets m at once, on the caller's
// goroutine; otherwise m is queued in the outbox. Enqueue fails at once when
// the outbox is full or the client is closed. A queued message that is never
// sent (Close, reconnect given up, dropped by OverflowDropOldest) is reported
// by an UnsentEvent and by Unsent. The client keeps m.Data until it is sent.
func (c *Client) Enqueue(m transport.Message) error {
	if err := validateMessage(m); err != nil {
		return err
	}
	if err := c.usable(context.Background()); err != nil {
		return err
	}
	acc := c.accepted.Add(1)
	if c.writeNow(m, acc) {
		return nil
	}
	_, dropped, err := c.outbox.push(m, acc, true, nil)
	c.reportDropped(dropped)
	return err
}

// writeNow writes m on the caller's goroutine if that cannot block: a
// connection is ready, no write is in progress, nothing is queued ahead of m
// and the transport's TryWrite accepts it. It never waits for anything.
func (c *Client) writeNow(m transport.Message, acc uint64) bool {
	if c.ready.Load() == nil {
		return false // not open: skip the semaphore
	}
	select {
	case c.writeSem <- struct{}{}:
	default:
		return false
	}
	defer func() { <-c.writeSem }()
	cn := c.directTarget()
	if cn == nil || cn.queued == nil || (cn.confirms && cn.ledger.full()) {
		return false // natively a socket write may block: Enqueue queues
	}
	c.writing.Store(acc)
	defer c.writing.Store(0)
	written, err := cn.queued.TryWrite(m)
	if err != nil {
		cn.end(err) // m goes to the outbox, for the next connection
	}
	if written {
		c.recordWrite(cn, m, acc, true, false)
	}
	return written
}

func (c *Client) usable(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	select {
	case <-c.done:
		return c.Err()
	default:
		return nil
	}
}

// sendDirect writes m on the caller's goroutine when a connection is ready and
// nothing is queued ahead of it. sent is false when m must go through the outbox.
func (c *Client) sendDirect(ctx context.Context, m transport.Message, acc uint64, owned bool) (sent bool, err error) {
	for {
		select {
		case c.writeSem <- struct{}{}:
		case <-ctx.Done():
			return false, ctx.Err()
		}
		cn := c.directTarget()
		if cn == nil {
			<-c.writeSem
			return false, nil
		}
		if cn.confirms && cn.ledger.full() { // wait for confirmations, not holding writeSem
			<-c.writeSem
			if !c.awaitRoom(cn, ctx.Done()) {
				return false, ctx.Err()
			}
			continue
		}
		// m is in neither the outbox nor a ledger while written: Flush counts it here.
		c.writing.Store(acc)
		err = cn.write(m) // not ctx: a started write is never cut
		if err == nil {
			c.recordWrite(cn, m, acc, owned, false)
		}
		c.writing.Store(0)
		<-c.writeSem
		if err == nil {
			return true, nil
		}
		cn.end(err)
		return false, nil // the connection broke: queue m for the next one
	}
}

// directTarget returns the connection a message may be written to directly,
// bypassing the outbox: the ready one, when nothing is queued ahead. The
// caller holds writeSem.
func (c *Client) directTarget() *connection {
	if cn := c.ready.Load(); cn != nil && c.outbox.empty() {
		return cn
	}
	return nil
}

// sendQueued puts m in the outbox and waits until it is written or ctx ends.
func (c *Client) sendQueued(ctx context.Context, m transport.Message, acc uint64, owned bool) error {
	p, dropped, err := c.outbox.push(m, acc, owned, ctx)
	c.reportDropped(dropped)
	if err != nil {
		return err
	}
	select {
	case err := <-p.result:
		return err
	case <-ctx.Done():
		if p.state.CompareAndSwap(itemQueued, itemCancelled) {
			c.outbox.remove(p)
			return ctx.Err()
		}
		return <-p.result // being written: the flusher answers either way
	}
}

// reportDropped hands back a message that OverflowDropOldest pushed out.
func (c *Client) reportDropped(p *pending) {
	if p == nil {
		return
	}
	c.lossMu.Lock()
	defer c.lossMu.Unlock()
	c.giveBack(p, errOutboxDropped) // the outbox counted it for Flush
}

func (c *Client) reportUnsent(msgs []transport.Message, err error) {
	if len(msgs) == 0 {
		return
	}
	c.mu.Lock()
	c.unsent = append(c.unsent, msgs...)
	c.mu.Unlock()
	emit(c, UnsentEvent{Messages: msgs, Err: err})
}

// writeOn writes m on cn ahead of the outbox (heartbeats, AfterOpen). ctx
// bounds the wait for the write to start; the write itself runs until it
// completes or the connection fails.
func (c *Client) writeOn(ctx context.Context, cn *connection, m transport.Message) error {
	return c.writeOnAfter(ctx, cn, m, nil)
}

// writeOnAfter is writeOn that runs before (if not nil) once the write is
// next: after every write that started earlier, before any later one.
func (c *Client) writeOnAfter(ctx context.Context, cn *connection, m transport.Message, before func()) error {
	select {
	case c.writeSem <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	case <-cn.ctx.Done():
		return errConnEnded
	}
	defer func() { <-c.writeSem }()
	if before != nil {
		before()
	}
	return cn.write(m)
}

var errConnEnded = errors.New("tether: connection ended")

// sendOn returns the send function given to AfterOpen: it writes on cn
// only, ahead of the outbox.
func (c *Client) sendOn(cn *connection) func(context.Context, transport.Message) error {
	return func(ctx context.Context, m transport.Message) error {
		if err := validateMessage(m); err != nil {
			return err
		}
		err := c.writeOn(ctx, cn, m)
		if err == nil {
			c.traffic.wrote(len(m.Data))
		}
		return err
	}
}
