//go:build !js

package mobile

import "sync/atomic"

// Close ends the client for good: it stops any session with close code 1000
// (interrupting Connect and blocked sends, which fail with kind "closed"),
// waits for the connection to close and for the final OnClose to be
// delivered. On an open connection it first gives queued and unconfirmed
// messages up to 2 s to be written and confirmed (see Flush), then performs
// the close handshake (up to 5 s; skipped when the link looks dead, so Close
// then returns within about 2 s): call it off the UI thread, or use
// CloseAsync. Messages still not confirmed are handed back to
// Listener.OnUnsent with maybeDelivered true, those never written with
// false, before the final OnClose. A session that had already failed by
// itself (a Connect that returned an error, a reconnect policy that gave
// up) is reported as that failure (OnError, then the final OnClose with its
// code: 1006 when no close frame came), however soon Close follows it. Close
// is idempotent.
//
// Close may be called from a Listener method: it does not wait for the
// Listener then. The rule, which needs no knowledge of the calling thread:
// when the Listener method that was running as Close was called is still
// running once the connection is closed, Close returns without waiting for
// the final OnClose, which follows when that method returns. So Close from a
// Listener method never deadlocks, and Close from elsewhere returns after the
// final OnClose unless a Listener method outlasts the closing handshake.
func (c *Client) Close() error { return c.CloseWithStatus(1000, "") }

// CloseWithStatus is Close with a close code (1000, or 3000–4999 for the
// application) and a reason of at most 123 bytes.
func (c *Client) CloseWithStatus(code int64, reason string) error {
	if err := checkClose(code, reason); err != nil {
		return err
	}
	running := c.calls.current()
	c.mu.Lock()
	c.closed, c.paused = true, false
	s, tail := c.sess, c.tail
	c.mu.Unlock()
	if s != nil {
		s.stop(endStatus{code: int(code), reason: reason})
	}
	c.wg.Wait()
	if tail != nil && (running == 0 || c.calls.current() != running) {
		<-tail
	}
	return nil
}

// CloseAsync is Close without waiting: completion is the final OnClose.
func (c *Client) CloseAsync() {
	go func() { _ = c.Close() }()
}

// callTracker numbers the Listener calls, so that Close can tell whether the
// call running when it was called has returned since. The zero value is
// ready to use.
type callTracker struct {
	count   atomic.Uint64 // calls started so far
	running atomic.Uint64 // number of the running call; 0 when none runs
}

// run makes one Listener call, on the calling (Listener) goroutine.
func (t *callTracker) run(f func()) {
	t.running.Store(t.count.Add(1))
	defer t.running.Store(0)
	f()
}

// current returns the number of the running call, or 0.
func (t *callTracker) current() uint64 { return t.running.Load() }
