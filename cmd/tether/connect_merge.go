//go:build !js

package main

import (
	"context"

	"github.com/tetherws/tether/sdk"
)

// The merge goroutine is the only one that prints received messages and the
// SDK's lifecycle events while a session runs, so their lines come in the
// order things happened. The SDK hands messages to Receive and events to
// callbacks on another goroutine; a close event is posted once its
// connection's messages are all in the client, so the merge goroutine prints
// the messages the client still holds before the close line; it receives
// nothing between a dial and that connection's open line (connect_gate.go).
// (The SDK offers no single ordered stream of both; the mobile and wasm
// facades merge them their own way.)

// merge prints queued events and received messages until ctx ends, --count
// is reached or the client has ended.
func (s *session) merge(ctx context.Context) {
	defer close(s.merged)
	for s.printEvents(ctx, true) && ctx.Err() == nil {
		switch {
		case !s.isDialed() || (s.awaitOpen && !s.clientEnded()):
			s.awaitEvent(ctx)
		case !s.receiveOne(ctx):
			return
		}
	}
}

// printEvents prints the queued events in order. With receiving, a
// connection's close line follows the messages the client still holds, and
// the result is false once --count is reached (stop receiving).
func (s *session) printEvents(ctx context.Context, receiving bool) bool {
	for _, ev := range s.events.take() {
		if ev.ends && receiving {
			receiving = s.drain(ctx)
		}
		ev.print()
		if ev.ends {
			s.gate.release()
		}
	}
	return receiving
}

// receiveOne waits for one message and prints it; a queued event interrupts
// the wait. It returns false when the merge goroutine must stop.
func (s *session) receiveOne(ctx context.Context) bool {
	rctx, cancel, ok := s.events.receiveContext(ctx)
	if !ok {
		return true // events wait: they go first
	}
	m, err := s.client.Receive(rctx)
	interrupted := rctx.Err() != nil // before received cancels rctx
	s.events.received(cancel)
	switch {
	case err == nil:
		return s.deliver(m)
	case interrupted:
		return true // an event came, or the session stops (merge sees ctx)
	}
	s.done(exitFailed) // the client ended, every message printed; ended() tells why
	return false
}

// drain prints the messages the client already holds, without waiting; false
// once --count is reached. A close can be queued before Dial returned.
func (s *session) drain(ctx context.Context) bool {
	select {
	case <-s.dialed:
	case <-ctx.Done():
		return true
	}
	for {
		m, ok := s.client.TryReceive()
		if !ok {
			return true
		}
		if !s.deliver(m) {
			return false
		}
	}
}

// deliver prints one received message; false once --count is reached.
func (s *session) deliver(m sdk.Message) bool {
	s.out.message(m)
	n := s.received.Add(1)
	notify(s.activity)
	if s.cfg.count > 0 && n >= int64(s.cfg.count) {
		s.done(exitOK)
		return false
	}
	return true
}

func (s *session) isDialed() bool {
	select {
	case <-s.dialed:
		return true
	default:
		return false
	}
}

// clientEnded reports whether the client has ended (Receive then returns
// what is left, then an error). Only after Dial returned.
func (s *session) clientEnded() bool {
	select {
	case <-s.client.Done():
		return true
	default:
		return false
	}
}

// awaitEvent waits until an event is queued, Dial returns a client, the
// client ends or ctx ends.
func (s *session) awaitEvent(ctx context.Context) {
	var dialed, ended <-chan struct{}
	if s.isDialed() {
		ended = s.client.Done()
	} else {
		dialed = s.dialed
	}
	select {
	case <-dialed:
	case <-ended:
	case <-s.events.wake:
	case <-ctx.Done():
	}
}

// stopMerge stops the merge goroutine and prints the events still queued.
func (s *session) stopMerge(stop context.CancelFunc) {
	stop()
	<-s.merged
	s.printEvents(context.Background(), false)
}
