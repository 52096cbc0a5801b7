package sdk

import (
	"context"
	"errors"

	"github.com/tetherws/tether/heartbeat"
	"github.com/tetherws/tether/internal/errfmt"
	"github.com/tetherws/tether/transport"
)

// serve starts serving a connection that opened: it publishes it, starts the
// reader and the heartbeat and runs AfterOpen. flushLoop then writes the outbox
// and endServe ends it. prev is the previous connection.
func (c *Client) serve(cn *connection, prev *connection) {
	c.mu.Lock()
	c.conn, c.last, c.subproto = cn, cn.tc, cn.protocol
	c.mu.Unlock()
	c.setState(Open, nil)
	if prev == nil {
		c.reportFirst(nil) // Dial returns with the client Open
	}
	c.reportOpen(cn, prev)
	cn.turn.spawn = func() {
		cn.wg.Add(1)
		go c.read(cn)
	}
	cn.turn.later()
	if cn.plan.Mode != heartbeat.ModeOff {
		c.startHeartbeat(cn)
	}
	if err := c.afterOpen(cn); err != nil {
		cn.end(err)
	}
	c.watchParked(cn)
}

// endServe closes a connection that ended and waits for its goroutines.
func (c *Client) endServe(cn *connection) {
	c.outbox.setWake(nil)
	c.ready.Store(nil)
	c.closeConn(cn)
	c.writeSem <- struct{}{} // no write on cn is in progress after this
	c.settle(cn)
	c.mu.Lock()
	c.conn = nil
	c.mu.Unlock()
	<-c.writeSem
	cn.live.stop()
	cn.turn.end()
	cn.wg.Wait()
	cn.release()
}

func (c *Client) reportOpen(cn, prev *connection) {
	ev := OpenEvent{Attempt: cn.attempt, Subprotocol: cn.protocol, Reconnect: prev != nil, Confirms: cn.confirms}
	if prev != nil {
		ev.PreviousSubprotocol = prev.protocol
	}
	if c.log.enabled() {
		c.log.Info("tether: open", "attempt", cn.attempt, "subprotocol", cn.protocol, "reconnect", ev.Reconnect)
	}
	emit(c, ev)
}

func (c *Client) afterOpen(cn *connection) error {
	if c.opts.AfterOpen == nil {
		return nil
	}
	if err := c.opts.AfterOpen(cn.ctx, c.sendOn(cn)); err != nil {
		return errfmt.Errorf("tether: AfterOpen: %w", err)
	}
	return nil
}

// flushLoop writes queued messages in order until the connection ends (false)
// or the outbox is empty (true: the connection parked). Once the outbox is
// empty the connection is marked ready, so Send writes directly.
func (c *Client) flushLoop(cn *connection) (parked bool) {
	for cn.ctx.Err() == nil {
		if !c.flush(cn) {
			return false
		}
		if c.park(cn) {
			return true
		}
	}
	return false
}

// flush writes every queued message; false means the connection failed.
func (c *Client) flush(cn *connection) bool {
	for {
		select {
		case c.writeSem <- struct{}{}:
		case <-cn.ctx.Done():
			return false
		}
		p := c.outbox.front()
		if p == nil {
			c.ready.Store(cn)
			<-c.writeSem
			return true
		}
		if cn.confirms && cn.ledger.full() {
			<-c.writeSem
			if !c.awaitRoom(cn, cn.ctx.Done()) {
				return false
			}
			continue
		}
		ok := c.writeQueued(cn, p)
		<-c.writeSem
		if !ok {
			return false
		}
	}
}

// writeQueued writes one queued item; on failure the item stays queued for
// the next connection, unless its sender has given up or it has now broken
// Outbox.MaxWriteAttempts connections (then it is handed back).
func (c *Client) writeQueued(cn *connection, p *pending) bool {
	if !p.state.CompareAndSwap(itemQueued, itemTaken) {
		return true // cancelled meanwhile; front drops it
	}
	err := cn.write(p.msg)
	if err == nil {
		c.recordWrite(cn, p.msg, p.acc, p.owned, p.maybe)
		c.outbox.remove(p)
		p.resolve(nil)
		return true
	}
	p.fails++
	switch {
	case p.ctx != nil && p.ctx.Err() != nil:
		c.outbox.remove(p)
		p.resolve(p.ctx.Err())
	case p.fails >= c.opts.Outbox.MaxWriteAttempts && c.ctx.Err() == nil:
		c.handBack(p, errfmt.Errorf("%w after %d attempts: %w", ErrUndeliverable, p.fails, err))
	default:
		p.state.Store(itemQueued)
	}
	cn.end(err)
	return false
}

// handBack takes a queued message out of the outbox for good and gives it
// back with err. Removing and counting it against waiting Flush calls happen
// under lossMu, so a Flush sees it either queued or handed back.
func (c *Client) handBack(p *pending, err error) {
	c.lossMu.Lock()
	defer c.lossMu.Unlock()
	c.outbox.remove(p)
	c.flushes.lost(p.acc)
	c.giveBack(p, err)
}

// giveBack returns a message that will not be sent to its sender, or
// reports it in an UnsentEvent. The caller holds lossMu (one order of reports).
func (c *Client) giveBack(p *pending, err error) {
	if p.result != nil {
		p.resolve(err)
		return
	}
	c.reportUnsent([]transport.Message{p.msg}, err)
}

// closeConn closes the transport: with the caller's code on Close, at once
// for a connection already known dead.
func (c *Client) closeConn(cn *connection) {
	if c.ctx.Err() != nil {
		c.mu.Lock()
		code, reason := c.closeCode, c.closeMsg
		c.mu.Unlock()
		cn.end(ErrClosed)
		if c.abortClose.Load() { // the link looked dead: no handshake to wait for
			cn.tc.Abort(code, reason)
			return
		}
		// nil: the server read everything before our close frame, unless
		// cutWrites closed the socket first (Close then did nothing).
		if cn.tc.Close(code, reason) == nil && !cn.writeAbort.Load() {
			cn.ledger.confirm(cn.ledger.lastSeq())
		}
		return
	}
	if ce, ok := errors.AsType[*transport.CloseError](cn.cause()); ok && !ce.Remote {
		cn.tc.Abort(ce.Code, ce.Reason)
		return
	}
	cn.tc.Abort(transport.StatusNormalClosure, "")
}

// reportClose posts the CloseEvent of cn (nil: no connection was open, nothing
// to report); final says the client will not reconnect.
func (c *Client) reportClose(cn *connection, final bool) {
	if cn == nil {
		return
	}
	cause := cn.cause()
	code, reason := closeInfo(cause)
	if errors.Is(cause, ErrClosed) || errors.Is(cause, context.Canceled) {
		c.mu.Lock()
		code, reason, cause = c.closeCode, c.closeMsg, nil
		c.mu.Unlock()
	}
	if c.log.enabled() {
		c.log.Info("tether: connection closed", "code", code, "reason", reason)
	}
	emit(c, CloseEvent{Code: code, Reason: reason, Cause: cause, Final: final})
}

func closeInfo(err error) (int, string) {
	if ce, ok := errors.AsType[*transport.CloseError](err); ok {
		return ce.Code, ce.Reason
	}
	return transport.StatusAbnormalClosure, ""
}
