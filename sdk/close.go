package sdk

import (
	"context"
	"time"

	"github.com/tetherws/tether/internal/closecode"
	"github.com/tetherws/tether/internal/errfmt"
	"github.com/tetherws/tether/transport"
)

// Close closes the client with status 1000 (normal closure): it interrupts a
// connection attempt or a backoff wait at once; on an open connection it
// gives queued messages up to 2 s to be written and confirmed (Flush), then
// performs the close handshake (bounded to 5 s; skipped when that flush
// timed out, since the link looks dead: Close then returns within about
// 2 s); it stops every goroutine the client owns and hands back what was
// not confirmed (Send callers waiting get ErrClosed; Enqueue'd messages are
// reported by an UnsentEvent and Unsent, those written but unconfirmed
// with ErrMaybeDelivered). It returns once the callbacks
// queued until then (the final CloseEvent, the StateChangeEvent to Closed)
// have run, unless the callback that was running when Close was called is
// still running once the client is closed (it may be the caller, so Close
// from a callback never deadlocks): then they run after it, in order. Close is
// idempotent and safe to call concurrently with every other method; later
// calls wait for the first and return nil.
func (c *Client) Close() error { return c.CloseWithStatus(transport.StatusNormalClosure, "") }

// CloseWithStatus is Close with a close code and reason. The code must be one
// an endpoint may send (1000–1003, 1007–1014, 3000–4999; else
// ErrInvalidArgument) and the reason valid UTF-8 of at most 123 bytes (else
// ErrInvalidArgument or ErrInvalidUTF8). Browsers only send 1000 and
// 3000–4999: other codes go out as 1000 there.
func (c *Client) CloseWithStatus(code int, reason string) error {
	if err := closecode.Check(code, reason); err != nil {
		return err
	}
	c.flushBeforeClose()
	c.shutdown(nil, code, reason)
	return nil
}

// closeFlushGrace bounds how long Close waits for queued and unconfirmed
// messages to be written and confirmed.
const closeFlushGrace = 2 * time.Second

// flushBeforeClose gives an open connection closeFlushGrace to write the
// outbox and confirm what was written. When that times out with nothing
// being written (every write went through, the confirming ping was not
// answered) the link is taken for dead: Close aborts instead of waiting for
// a close handshake. A write still in progress means a slow link, not a
// dead one: the close handshake goes on. What stays unconfirmed is handed
// back (ErrMaybeDelivered).
func (c *Client) flushBeforeClose() {
	if c.State() != Open {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), closeFlushGrace)
	defer cancel()
	if err := c.Flush(ctx); err == nil || ctx.Err() == nil {
		return
	}
	select {
	case c.writeSem <- struct{}{}:
		<-c.writeSem
		c.abortClose.Store(true)
	default:
	}
}

// shutdown stops the client: cause is nil for Close, or why Dial failed.
func (c *Client) shutdown(cause error, code int, reason string) {
	c.closeOnce.Do(func() {
		c.mu.Lock()
		c.closeCode, c.closeMsg = code, reason
		c.mu.Unlock()
		c.setState(Closing, cause)
		call := c.events.current()
		c.cancel()
		c.wg.Wait()
		c.terminate(cause)
		c.events.waitUnlessStill(call)
	})
	<-c.done
}

// closeOutbox empties the outbox for good and counts what it held against
// the waiting Flush calls, atomically for them (lossMu): a Flush sees each
// message either still pending or handed back, never just gone.
func (c *Client) closeOutbox(final error) []*pending {
	c.lossMu.Lock()
	defer c.lossMu.Unlock()
	items := c.outbox.close(final)
	for _, p := range items {
		if p.state.Load() != itemCancelled {
			c.flushes.lost(p.acc)
		}
	}
	return items
}

// terminate makes the client Closed, once: it records the terminal error, hands
// back queued messages and stops the dispatcher.
func (c *Client) terminate(cause error) {
	final := terminalError(cause)
	c.mu.Lock()
	if c.final != nil {
		c.mu.Unlock()
		return
	}
	c.final = final
	c.mu.Unlock()
	c.cancel()
	var unsent, maybe []transport.Message
	for _, p := range c.closeOutbox(final) {
		switch {
		case p.result != nil:
			p.resolve(final)
		case p.maybe:
			maybe = append(maybe, p.msg)
		default:
			unsent = append(unsent, p.msg)
		}
	}
	c.reportUnsent(maybe, errfmt.Errorf("%w: %w", ErrMaybeDelivered, final))
	c.reportUnsent(unsent, final)
	c.setState(Closed, cause)
	close(c.done)
	c.events.stop()
}
