//go:build js && wasm

package main

import (
	"github.com/tetherws/tether/sdk"
	"github.com/tetherws/tether/transport"
)

// The client's stream (sdk.Client.Next with Options.StreamEvents) holds the
// server's messages and the lifecycle events in the order they happened; the
// socket translates it into JavaScript events one entry at a time, in that
// order (events.go). Next is only ever polled (a context that has already
// ended: it never waits) and the socket's goroutine parks between polls
// until the client adds an entry (sdkhook.SetWake), JavaScript is to be
// asked for an attempt's params, or the newest connection's close event
// fires (nobody may be reading it).
//
// The message export delivers too: after bridge.js hands a message to a
// connection, the entries ready then are delivered inside the export while
// the goroutine is parked (messageArrived), which saves waking it for every
// message. JavaScript runs the listeners inside that call, as it does inside
// the goroutine's.

// deliverLoop is the socket's delivery goroutine; it returns, releasing the
// socket, after the last event (the close with willReconnect false).
func (s *socket) deliverLoop() {
	defer s.api.remove(s.id)
	defer s.params.release() // bridge.js calls it no more: the last event was delivered
	for s.deliverPending() {
		s.park()
	}
}

// deliverPending delivers the ready entries and the results of the flush
// calls that returned (flush.go), then asks JavaScript for the
// params of an attempt waiting for them (after the entries: its statechange
// to connecting was added first). It reports whether the socket goes on.
func (s *socket) deliverPending() bool {
	s.delivering.Lock()
	defer s.delivering.Unlock()
	attempt := s.params.requested()
	s.deliverReady()
	s.deliverFlushes(s.ended)
	if attempt != 0 && !s.ended {
		s.emit(kindParams, attempt, s.params.reply)
	}
	return !s.ended
}

// deliverReady delivers every entry the client has ready, without waiting;
// false when there was none. The caller holds delivering.
func (s *socket) deliverReady() bool {
	delivered := false
	for !s.ended {
		ev, err := s.client.Next(s.api.done)
		if err != nil {
			break
		}
		s.deliver(ev)
		delivered = true
	}
	return delivered
}

// park waits for a reason to poll the stream again.
func (s *socket) park() {
	s.mu.Lock()
	closed := s.closed
	s.mu.Unlock()
	select {
	case <-s.wake:
	case <-closed:
		// Read what it left (the close) now: the client's reader may be
		// staying away while the stream is polled.
		s.mu.Lock()
		if s.closed == closed {
			s.closed = nil
		}
		s.mu.Unlock()
	}
}

// messageArrived runs in the message export, while Go is paused, after a
// message reached one of the socket's connections: unless the delivery
// goroutine is delivering, the entries ready now are delivered here. It
// reports whether it delivered any; when it did not (the client's reader
// has the message), the client wakes the goroutine once the entry is added.
func (s *socket) messageArrived() bool {
	if !s.delivering.TryLock() {
		return false
	}
	defer s.delivering.Unlock()
	return s.deliverReady()
}

// deliver translates one entry of the stream into JavaScript events.
func (s *socket) deliver(ev sdk.Event) {
	switch ev := ev.(type) {
	case transport.Message:
		s.emitMessage(ev)
	case sdk.StateChangeEvent:
		s.stateChanged(ev)
	case sdk.OpenEvent:
		s.emit(kindOpen, ev.Subprotocol, ev.Reconnect, ev.Attempt, ev.Confirms)
	case sdk.CloseEvent:
		s.connectionClosed(ev)
	case sdk.ReconnectingEvent:
		s.reconnecting(ev)
	case sdk.HeartbeatEvent:
		_, smoothed := s.client.RTT() // the moving average, this answer included
		s.emit(kindHeartbeat, millis(ev.RTT), millis(smoothed))
	case sdk.UnsentEvent:
		s.emitUnsent(ev.Messages, errText(ev.Err), unsentReason(ev.Err))
	}
}
