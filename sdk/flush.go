package sdk

import (
	"context"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/tetherws/tether/internal/errfmt"
)

// Flush waits until every message handed to the client before it was called
// (Send returned, Enqueue accepted) is confirmed: a pong to a ping written
// after it came back, so the server has read it. Send then Flush confirms
// one message. Messages re-sent after a lost connection are waited for on
// the next one. Flush fails, saying how many messages were not confirmed,
// when ctx ends first (the error wraps ErrUnconfirmed and ctx's error), when
// some were handed back meanwhile (HandBackUnconfirmed, overflow,
// ErrUndeliverable: it wraps ErrUnconfirmed), or when the client closes
// with some still pending (it wraps ErrClosed too). On a connection that
// cannot confirm (no pings: OpenEvent.Confirms is false) a message counts as
// confirmed once written.
func (c *Client) Flush(ctx context.Context) error {
	if ctx == nil {
		return errNilContext
	}
	if c.Err() != nil && len(c.Unsent()) > 0 {
		return errfmt.Errorf("%w: the client closed and handed messages back (see Unsent): %w", ErrUnconfirmed, c.Err())
	}
	w := c.flushes.add(c.accepted.Load())
	defer c.flushes.remove(w)
	c.barrierNow() // someone waits: no reason to let the barrier delay run
	for {
		wake := c.progress.wait()
		n := c.pendingUpTo(w.upTo)
		if lost := c.flushes.lostOf(w); lost > 0 {
			if err := c.Err(); err != nil { // the client closed: say so, as when done wins
				return errfmt.Errorf("%w: %s handed back: %w", ErrUnconfirmed, messages(lost), err)
			}
			return errfmt.Errorf("%w: %s handed back before confirmation (see UnsentEvent)", ErrUnconfirmed, messages(lost))
		}
		if n == 0 {
			return nil
		}
		select {
		case <-wake:
		case <-ctx.Done():
			return errfmt.Errorf("%w: %s: %w", ErrUnconfirmed, messages(n), ctx.Err())
		case <-c.done:
			if n = c.pendingUpTo(w.upTo); n == 0 && c.flushes.lostOf(w) == 0 {
				return nil
			}
			return errfmt.Errorf("%w: %s: %w", ErrUnconfirmed, messages(max(n, c.flushes.lostOf(w))), c.Err())
		}
	}
}

// messages says "1 message" or "n messages".
func messages(n int) string {
	if n == 1 {
		return "1 message"
	}
	return strconv.Itoa(n) + " messages"
}

// pendingUpTo counts the messages with acceptance numbers up to acc that
// are queued or written and unconfirmed.
func (c *Client) pendingUpTo(acc uint64) int {
	c.lossMu.Lock()
	defer c.lossMu.Unlock()
	n := c.outbox.countUpTo(acc)
	if w := c.writing.Load(); w != 0 && w <= acc {
		n++
	}
	c.mu.Lock()
	cn := c.conn
	c.mu.Unlock()
	if cn != nil && cn.confirms {
		n += cn.ledger.countUpTo(acc)
	}
	return n
}

// flushWaiters are the Flush calls waiting; handing a message back counts
// against those it concerns.
type flushWaiters struct {
	mu      sync.Mutex
	waiting map[*flushWaiter]struct{}
	count   atomic.Int32 // len(waiting), readable without mu on the write path
}

type flushWaiter struct {
	upTo uint64 // the last acceptance number the Flush waits for
	lost int    // messages it waits for that were handed back
}

func (f *flushWaiters) add(upTo uint64) *flushWaiter {
	w := &flushWaiter{upTo: upTo}
	f.mu.Lock()
	if f.waiting == nil {
		f.waiting = map[*flushWaiter]struct{}{}
	}
	f.waiting[w] = struct{}{}
	f.count.Add(1)
	f.mu.Unlock()
	return w
}

func (f *flushWaiters) remove(w *flushWaiter) {
	f.mu.Lock()
	delete(f.waiting, w)
	f.count.Add(-1)
	f.mu.Unlock()
}

// lost records that the message accepted as acc was handed back.
func (f *flushWaiters) lost(acc uint64) {
	f.mu.Lock()
	for w := range f.waiting {
		if acc <= w.upTo {
			w.lost++
		}
	}
	f.mu.Unlock()
}

func (f *flushWaiters) lostOf(w *flushWaiter) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return w.lost
}
