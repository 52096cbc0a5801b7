package sdk

import (
	"context"
	"errors"
	"time"

	"github.com/tetherws/tether/internal/retry"
)

// supervision is what the supervisor carries from one connection to the next.
// It belongs to the goroutine supervising at the moment: the one start runs,
// or, after a connection parked (see park), the one that resumes it.
type supervision struct {
	sched   *retry.Schedule
	prev    *connection // the last connection that opened, or nil
	attempt int         // the next attempt's number since the client started
}

// supervise is the client's supervisor: it dials, serves each open connection
// until it ends, and reconnects by the policy until Close or a failure that is
// not retried. It holds one count of c.wg until it returns for good.
func (c *Client) supervise() {
	c.sup = supervision{sched: retry.NewSchedule(c.opts.Reconnect, c.opts.jitterSeed), attempt: 1}
	c.superviseFrom(nil)
}

// superviseFrom goes on supervising, serving cn first when it is not nil (an
// open connection that parked). It returns early, keeping its count of c.wg
// for the goroutine that resumes, when an open connection parks.
func (c *Client) superviseFrom(cn *connection) {
	for {
		var err error
		if cn == nil {
			if cn, err = c.connect(c.sup.attempt); err == nil {
				c.sup.sched.Opened(c.opts.clock.Now())
				c.serve(cn, c.sup.prev)
			}
		}
		if err == nil {
			if c.flushLoop(cn) {
				return // parked: the goroutine that resumes cn goes on
			}
			c.endServe(cn)
			c.sup.prev, err = cn, cn.cause()
		}
		if !c.retryAfter(cn, err) {
			c.wg.Done()
			return
		}
		cn = nil
	}
}

// retryAfter reports the end of an attempt or connection (cn is nil when no
// connection opened, err why it ended) and waits out the backoff; false means
// the client does not reconnect.
func (c *Client) retryAfter(cn *connection, err error) bool {
	if c.ctx.Err() != nil {
		c.reportClose(cn, true)
		return false
	}
	first := c.sup.prev == nil
	if first {
		c.noteDialError(err)
	}
	if first && !c.opts.Reconnect.RetryFirstDial {
		c.giveUp(err, "first attempt failed")
		return false
	}
	d := c.sup.sched.Next(c.opts.clock.Now(), err)
	c.reportClose(cn, d.Final)
	if d.Final {
		c.giveUp(d.Cause, d.Reason)
		return false
	}
	c.sup.attempt++
	return c.backoff(d, c.sup.attempt)
}

// noteDialError records the error of an attempt before the first open, for
// Dial to report when its context ends first.
func (c *Client) noteDialError(err error) {
	c.mu.Lock()
	c.dialErr = err
	c.mu.Unlock()
}

// reportFirst hands the first connection's outcome to Dial, once.
func (c *Client) reportFirst(err error) {
	select {
	case c.firstOpen <- err:
	default:
	}
}

// giveUp ends a client whose failure is not retried: it becomes Closed with
// cause, and Dial, if it waits for the first open, gets cause.
func (c *Client) giveUp(cause error, reason string) {
	if cause == nil {
		cause = errors.New("tether: " + reason)
	}
	if c.log.enabled() {
		c.log.Info("tether: not reconnecting", "reason", reason)
	}
	c.setState(Closing, cause)
	c.terminate(cause)
	c.reportFirst(cause)
}

// backoff reports the coming retry and waits for its delay; false means the
// client is closing. next is the attempt's number since the client started.
func (c *Client) backoff(d retry.Decision, next int) bool {
	c.setState(Reconnecting, d.Cause)
	if c.log.enabled() {
		c.log.Info("tether: reconnecting", "attempt", next, "delay", d.Delay.String())
	}
	emit(c, ReconnectingEvent{Attempt: next, Retry: d.Retry, Delay: d.Delay, Cause: d.Cause})
	return c.sleep(d.Delay)
}

// sleep waits d on the client's clock unless the client closes first.
func (c *Client) sleep(d time.Duration) bool {
	t := c.opts.clock.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C():
		return c.waitOnline()
	case <-c.skipWait:
		return true
	case <-c.ctx.Done():
		return false
	}
}

// handshakeTimeout bounds one attempt.
func (c *Client) handshakeTimeout() time.Duration {
	if c.opts.HandshakeTimeout > 0 {
		return c.opts.HandshakeTimeout
	}
	return defaultHandshakeTimeout
}

// withAttemptTimeout derives the context of one attempt.
func (c *Client) withAttemptTimeout() (context.Context, context.CancelFunc) {
	return context.WithTimeout(c.ctx, c.handshakeTimeout())
}
