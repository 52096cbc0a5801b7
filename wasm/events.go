//go:build js && wasm

package main

import (
	"github.com/tetherws/tether/sdk"
	"github.com/tetherws/tether/transport"
)

// The lifecycle entries of the client's stream, translated (see close.go for
// what a browser shows). They run on whoever delivers (stream.go), which
// owns lost, finalClose and ended.

// stateChanged reports a statechange. An attempt that failed with a retry to
// follow (Connecting → Reconnecting) is reported first: error, then close.
// After the change to Closed come the socket's last events.
func (s *socket) stateChanged(ev sdk.StateChangeEvent) {
	if ev.From == sdk.Connecting && ev.To == sdk.Reconnecting {
		info := failedAttempt(ev.Cause)
		s.lost = &info
		s.emitCloseRetry(info, info.message)
	}
	s.emit(kindState, int(ev.From), int(ev.To))
	if ev.To == sdk.Closed {
		s.emitFinal(ev.Cause)
		s.ended = true
	}
}

// connectionClosed reports the end of an open connection: at once when a
// reconnect follows, else as the socket's last event (emitFinal).
func (s *socket) connectionClosed(ev sdk.CloseEvent) {
	info := closeInfoOf(ev)
	if ev.Final {
		s.finalClose = &info
		return
	}
	s.lost = &info
	s.emitCloseRetry(info, "")
}

// reconnecting reports the wait before the next attempt, with how the
// connection or attempt before it ended.
func (s *socket) reconnecting(ev sdk.ReconnectingEvent) {
	info := failedAttempt(ev.Cause)
	if s.lost != nil {
		info = *s.lost
	}
	s.lost = nil
	s.emit(kindReconnecting, ev.Attempt, millis(ev.Delay), info.code, info.reason, info.clean, info.message)
}

// emitCloseRetry reports a connection or attempt that ended with a reconnect
// to follow; failure is the error event's message that precedes the close of
// an attempt that never opened ("" for a connection that was open).
func (s *socket) emitCloseRetry(info closeInfo, failure string) {
	s.emit(kindCloseRetry, info.code, info.reason, info.clean, failure)
}

// emitFinal reports the end of the socket; cause is why the client closed
// (nil after close()). As in browsers, an error event precedes the close
// event only when a connection could not be established (a failed
// handshake, close() while connecting, or reconnect giving up after failed
// attempts); a connection that was open and broke just closes.
func (s *socket) emitFinal(cause error) {
	req := s.closeRequest()
	info, failed := closeInfo{code: transport.StatusAbnormalClosure}, true
	switch {
	case req != nil && req.abort:
		info.message = "tether: closed before the connection was established"
	case req != nil:
		info, failed = closeInfo{code: req.eventCode(), reason: req.reason, clean: true}, false
	case s.finalClose != nil:
		info, failed = *s.finalClose, false
	default:
		info.message = attemptMessage(cause)
	}
	if failed {
		s.emit(kindError, info.message)
	}
	s.emit(kindClose, info.code, info.reason, info.clean, float64(s.bufferedAmount()))
}
