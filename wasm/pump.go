//go:build js && wasm

package main

import (
	"context"
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
	defer s.params.release() // bridge.js calls it no more: the close event was delivered
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
