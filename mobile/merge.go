//go:build !js

package mobile

import (
	"context"
	"errors"

	"github.com/tetherws/tether/sdk"
)

// maxPending bounds the Listener calls waiting to run before the merge
// goroutine stops receiving, so a slow Listener slows the socket (and counts as
// a live peer for heartbeats) instead of growing memory.
const maxPending = 256

// mergeState is owned by the session's merge goroutine.
type mergeState struct {
	cl        *sdk.Client // the SDK client once Dial returned it
	gen       int         // the attempt that opened cl
	dialDone  bool
	failed    bool         // Dial failed: every callback was pushed before it returned
	closedGen int          // the latest attempt whose SDK client reported Closed
	receiving bool         // between a connection's OnOpen and its OnClose
	held      *closeStatus // a connection's OnClose, until it is known whether it is final
	lastCause error        // the error reported last, so a cause is reported once
}

type closeStatus struct {
	code   int
	reason string
}

// run is the session's merge goroutine: the only one that receives messages
// and the only one that posts the session's Listener calls, so their order is
// the order of the events.
func (s *session) run() {
	defer s.owner.wg.Done()
	m := &s.merge
	for {
		s.handleAll(s.ctl.take())
		if m.dialDone && (m.failed || m.closedGen >= m.gen) {
			break
		}
		s.step()
	}
	s.finish()
}

func (s *session) step() {
	m := &s.merge
	switch {
	case !m.dialDone:
		select {
		case <-s.ctl.wake:
		case <-s.dialed:
			s.dialReturned()
		}
	case m.receiving && s.owner.events.pending() < maxPending:
		s.receiveOne()
	default:
		select {
		case <-s.ctl.wake:
		case <-s.owner.events.room:
		}
	}
}

// dialReturned records Dial's result.
func (s *session) dialReturned() {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := &s.merge
	m.cl, m.gen, m.dialDone, m.failed = s.c, s.gen, true, s.c == nil
}

// awaitDial waits for Dial: a connection's close can be handled before the
// dialling goroutine stored the client.
func (s *session) awaitDial() {
	if !s.merge.dialDone {
		<-s.dialed
		s.dialReturned()
	}
}

// receiveOne receives one message; a pushed event interrupts the wait.
func (s *session) receiveOne() {
	ctx, cancel, ok := s.ctl.receiveContext()
	if !ok {
		return
	}
	msg, err := s.merge.cl.Receive(ctx)
	s.ctl.received(cancel)
	switch {
	case err == nil:
		s.postMessage(msg)
	case ctx.Err() == nil:
		s.merge.receiving = false // closed and drained: the Closed event follows
	}
}

// drain delivers every message already received, without waiting.
func (s *session) drain() {
	if s.merge.cl == nil {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for {
		msg, err := s.merge.cl.Receive(ctx)
		if err != nil {
			return
		}
		s.postMessage(msg)
	}
}

func (s *session) handleAll(evs []any) {
	for _, ev := range evs {
		switch e := ev.(type) {
		case sdk.OpenEvent:
			s.onOpen(e)
		case sdk.CloseEvent:
			s.onClose(e)
		case sdk.ReconnectingEvent:
			s.onReconnecting(e)
		case sdk.UnsentEvent:
			s.postUnsent(e.Messages)
		case sdkClosed:
			s.merge.closedGen = max(s.merge.closedGen, e.gen)
		}
	}
}

func (s *session) onOpen(e sdk.OpenEvent) {
	s.flushHeld()
	s.merge.lastCause = nil
	reconnect := s.owner.markOpened()
	s.owner.emit(func(l Listener) { l.OnOpen(e.Subprotocol, reconnect) })
	s.merge.receiving = true
}

// onClose delivers the connection's remaining messages, then holds its
// OnClose until the next event says whether it is final.
func (s *session) onClose(e sdk.CloseEvent) {
	s.awaitDial()
	s.drain()
	s.merge.receiving = false
	st := closeStatus{code: e.Code, reason: e.Reason}
	if stopped, ok := s.stopStatus(); ok {
		// Close or OnBackground asked for this: what the dying connection
		// reports (it may race with the close handshake) is not an error.
		st, e.Cause = stopped, nil
	}
	s.reportError(e.Cause)
	s.merge.held = &st
	s.closeHandled()
}

// stopStatus returns the code and reason given to stop, if it was called.
func (s *session) stopStatus() (closeStatus, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return closeStatus{code: s.stopCode, reason: s.stopReason}, s.stopping
}

func (s *session) onReconnecting(e sdk.ReconnectingEvent) {
	s.flushHeld()
	s.reportError(e.Cause)
	s.merge.lastCause = nil // the next failure is a new one
	attempt, delay := int64(e.Attempt), e.Delay.Milliseconds()
	s.owner.emit(func(l Listener) { l.OnReconnecting(attempt, delay) })
}

// flushHeld delivers a held OnClose as not final: the client reconnects.
func (s *session) flushHeld() {
	if h := s.merge.held; h != nil {
		s.merge.held = nil
		s.owner.emit(func(l Listener) { l.OnClose(int64(h.code), h.reason, false) })
	}
}

// reportError posts OnError for cause unless it was just reported.
func (s *session) reportError(cause error) {
	if cause == nil || (s.merge.lastCause != nil && errors.Is(cause, s.merge.lastCause)) {
		return
	}
	s.merge.lastCause = cause
	kind, msg := ErrorKindOf(cause), readable(cause).Error()
	s.owner.emit(func(l Listener) { l.OnError(kind, msg) })
}

func (s *session) postMessage(m sdk.Message) {
	if m.Type == sdk.MessageBinary {
		s.owner.emit(func(l Listener) { l.OnBinaryMessage(m.Data) })
		return
	}
	text := m.Text()
	s.owner.emit(func(l Listener) { l.OnMessage(text) })
}

func (s *session) postUnsent(msgs []sdk.Message) {
	for _, m := range msgs {
		if m.Type == sdk.MessageBinary {
			s.owner.emit(func(l Listener) { l.OnUnsent(true, "", m.Data) })
		} else {
			text := m.Text()
			s.owner.emit(func(l Listener) { l.OnUnsent(false, text, nil) })
		}
	}
}
