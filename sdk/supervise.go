package sdk

import (
	"context"
	"errors"
	"time"

	"github.com/tetherws/tether/internal/retry"
)

// supervise is the client's supervisor goroutine: it dials, serves each open
// connection until it ends, and reconnects by the policy until Close or a
// failure that is not retried.
func (c *Client) supervise() {
	defer c.wg.Done()
	sched := retry.NewSchedule(c.opts.Reconnect, c.opts.jitterSeed)
	var prev *connection
	for attempt := 1; ; attempt++ {
		cn, err := c.connect(attempt)
		if err == nil {
			sched.Opened(c.opts.clock.Now())
			c.serve(cn, prev)
			prev, err = cn, cn.cause()
		}
		if c.ctx.Err() != nil {
			c.reportClose(cn, true)
			return
		}
		if prev == nil {
			c.noteDialError(err)
		}
		if prev == nil && !c.opts.Reconnect.RetryFirstDial {
			c.giveUp(err, "first attempt failed")
			return
		}
		d := sched.Next(c.opts.clock.Now(), err)
		c.reportClose(cn, d.Final)
		if d.Final {
			c.giveUp(d.Cause, d.Reason)
			return
		}
		if !c.backoff(d, attempt+1) {
			return
		}
	}
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
	c.log.Info("tether: not reconnecting", "reason", reason)
	c.setState(Closing, cause)
	c.terminate(cause)
	c.reportFirst(cause)
}

// backoff reports the coming retry and waits for its delay; false means the
// client is closing. next is the attempt's number since the client started.
func (c *Client) backoff(d retry.Decision, next int) bool {
	c.setState(Reconnecting, d.Cause)
	c.log.Info("tether: reconnecting", "attempt", next, "delay", d.Delay.String())
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
