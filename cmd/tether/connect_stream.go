//go:build !js

package main

import (
	"context"

	"github.com/tetherws/tether/sdk"
	"github.com/tetherws/tether/transport"
)

// The stream goroutine is the one loop over the client's ordered stream
// (Options.StreamEvents): every lifecycle event and received message prints
// in the order it happened; a connection's open line comes before its
// messages and its close line after them (sdk.Client.Next).

// stream prints the client's events and messages until the stream ends (the
// client has closed: the first reason to stop then is exitFailed, and ended
// says why) or ctx ends. The session owns it; it closes s.streamed.
func (s *session) stream(ctx context.Context) {
	defer close(s.streamed)
	for {
		ev, err := s.client.Next(ctx)
		if err != nil {
			if ctx.Err() == nil {
				s.done(exitFailed)
			}
			return
		}
		s.print(ev)
	}
}

// print prints one entry of the stream.
func (s *session) print(ev sdk.Event) {
	switch e := ev.(type) {
	case transport.Message:
		s.deliver(e)
	case sdk.ConnectingEvent:
		s.onConnecting(e)
	case sdk.OpenEvent:
		s.onOpen(e)
	case sdk.ReconnectingEvent:
		s.onReconnecting(e)
	case sdk.CloseEvent:
		s.onClose(e)
	case sdk.HeartbeatEvent:
		s.onHeartbeat(e)
	case sdk.UnsentEvent:
		s.onUnsent(e)
	case sdk.StateChangeEvent:
		s.onStateChange(e)
	}
}

// deliver prints one received message until --count is reached, which is a
// reason to stop; later messages are not printed (lifecycle events still are).
func (s *session) deliver(m transport.Message) {
	if s.cfg.count > 0 && s.received >= s.cfg.count {
		return
	}
	s.out.message(m)
	s.received++
	notify(s.activity)
	if s.cfg.count > 0 && s.received >= s.cfg.count {
		s.done(exitOK)
	}
}
