//go:build js && wasm

package main

import (
	"context"
	"errors"
	"sync"

	"github.com/tetherws/tether/sdk"
)

// control queues the events the client's callbacks report, for the pump. push
// never blocks; it cancels the pump's current wait so the pump notices at once.
type control struct {
	mu     sync.Mutex
	queue  []func()
	ctx    context.Context
	cancel context.CancelFunc
}

func (q *control) init() { q.ctx, q.cancel = context.WithCancel(context.Background()) }

func (q *control) push(f func()) {
	q.mu.Lock()
	q.queue = append(q.queue, f)
	q.cancel()
	q.mu.Unlock()
}

// pending reports whether events wait for the pump.
func (q *control) pending() bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.queue) > 0
}

// context is cancelled by the next push.
func (q *control) context() context.Context {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.ctx
}

// take returns the queued events and arms a fresh context for the next wait.
func (q *control) take() []func() {
	q.mu.Lock()
	defer q.mu.Unlock()
	fs := q.queue
	q.queue = nil
	if q.ctx.Err() != nil {
		q.ctx, q.cancel = context.WithCancel(context.Background())
	}
	return fs
}

// pump hands the socket's events to JavaScript in order: open before the
// connection's messages, every message before the reconnecting or close event
// that follows the connection's end. When the queued control events arrive,
// it first delivers every message already received, then the events.
//
// With hosted connections (bridge.js carries their messages) the pump waits
// outside Receive when idle, so that the message export can read: it
// delivers a message itself, at once, while the pump is parked idle
// (messageArrived), which saves waking the pump for every message.
// Otherwise the pump waits in Receive.
func (s *socket) pump() {
	defer s.api.remove(s.id)
	for !s.pumpStop {
		ctx := s.ctl.context()
		c := s.getClient()
		switch {
		case c == nil:
			<-ctx.Done()
			s.flush(nil)
		case !s.hosted:
			s.receive(ctx, c)
		case s.deliverReady(c):
		case s.idle(ctx, c):
			if !s.deliverReady(c) {
				s.receive(ctx, c)
			}
		default:
			s.flush(c)
		}
	}
}

// receive waits for the next message and delivers it. When the control
// events' context ends first it flushes; when the client is closed and every
// message was delivered it reports the end and stops the pump.
func (s *socket) receive(ctx context.Context, c *sdk.Client) {
	m, err := c.Receive(ctx)
	switch {
	case err == nil:
		s.emitMessage(m)
	case ctx.Err() != nil:
		s.flush(c)
	default:
		<-s.closedSeen
		s.flush(c)
		s.emitFinal()
		s.pumpStop = true
	}
}

// deliverReady delivers every message the client has ready without waiting
// (sdk.Client.TryReceive); false when there was none.
func (s *socket) deliverReady(c *sdk.Client) bool {
	delivered := false
	for {
		m, ok := c.TryReceive()
		if !ok {
			return delivered
		}
		s.emitMessage(m)
		delivered = true
	}
}

// idle parks the pump until a message needs reading here (true: the message
// export could not deliver it, the connection closed, or the client ended) or
// control events are queued (false).
func (s *socket) idle(ctx context.Context, c *sdk.Client) bool {
	s.pumpIdle.Store(true)
	defer s.pumpIdle.Store(false)
	select {
	case <-s.wake:
		return true
	case <-s.conns.closed():
		return true
	case <-c.Done():
		return true
	case <-ctx.Done():
		return false
	}
}

// messageArrived runs in the message export, while Go is paused, after a
// message reached one of the socket's connections. When the pump is parked
// idle and no control event waits, the messages the client has ready are
// delivered here and now: JavaScript runs the listeners inside this call, as
// it does inside the pump's. When the client cannot hand them over without
// waiting (its reader goroutine is reading), the pump is woken to read. A
// pump that is not idle reads by itself. It reports whether it delivered.
func (s *socket) messageArrived() bool {
	if !s.pumpIdle.Load() {
		return false
	}
	if !s.ctl.pending() {
		if c := s.getClient(); c != nil && s.deliverReady(c) {
			return true
		}
	}
	select {
	case s.wake <- struct{}{}:
	default:
	}
	return false
}

// flush delivers the messages already received, then the queued events.
func (s *socket) flush(c *sdk.Client) {
	fs := s.ctl.take()
	if c != nil {
		s.drain(c)
	}
	for _, f := range fs {
		f()
	}
}

// drain delivers every message waiting in the client, without blocking.
func (s *socket) drain(c *sdk.Client) {
	for {
		m, err := c.Receive(s.api.done)
		if err != nil {
			return
		}
		s.emitMessage(m)
	}
}

// closeInfo is how one connection ended, as a CloseEvent reports it.
type closeInfo struct {
	code    int
	reason  string
	clean   bool
	message string
}

func closeInfoOf(ev sdk.CloseEvent) closeInfo {
	info := closeInfo{code: ev.Code, reason: ev.Reason, message: errText(ev.Cause)}
	var ce *sdk.CloseError
	switch {
	case ev.Code == 1006:
	case ev.Cause == nil:
		info.clean = true // closed by Close
	case errors.As(ev.Cause, &ce) && ce.Remote:
		info.clean = true // the server's close frame
	}
	return info
}

// closeRequest is a close call from JavaScript.
type closeRequest struct {
	code   int // -1: none given
	reason string
	abort  bool // JavaScript saw CONNECTING: the browser fails the connection
}

// wireCode is the code sent: 1000 when none was given.
func (r closeRequest) wireCode() int {
	if r.code < 0 {
		return 1000
	}
	return r.code
}

// eventCode is the code a browser's close event shows after a clean close:
// the server's echo of the code sent, 1005 (no status) when none was sent.
func (r closeRequest) eventCode() int {
	if r.code < 0 && r.reason == "" {
		return 1005
	}
	return r.wireCode()
}

// emitFinal reports the end of the socket. As in browsers, an error event
// precedes the close event only when a connection could not be established
// (a failed handshake, close() while connecting, or reconnect giving up after
// failed attempts); a connection that was open and broke just closes (1006).
func (s *socket) emitFinal() {
	s.mu.Lock()
	req, dialErr, last, fresh, c := s.req, s.dialErr, s.last, s.lastFresh, s.client
	s.mu.Unlock()
	info, failed := closeInfo{code: 1006}, true
	switch {
	case req != nil && req.abort:
		info.message = "tether: closed before the connection was established"
	case req != nil:
		info, failed = closeInfo{code: req.eventCode(), reason: req.reason, clean: true}, false
	case dialErr != nil:
		info.message = errText(dialErr)
	case last != nil && fresh:
		info, failed = *last, false
	case c != nil:
		info.message = errText(c.Err())
	}
	if failed {
		s.emit(kindError, info.message)
	}
	s.emit(kindClose, info.code, info.reason, info.clean, float64(s.bufferedAmount()))
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
