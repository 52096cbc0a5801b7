//go:build !js

package main

import (
	"fmt"

	"github.com/tetherws/tether/internal/closecode"
	"github.com/tetherws/tether/sdk"
)

// The event printers run on the stream goroutine (connect_stream.go), in the
// order the client reported the events.

func (s *session) onConnecting(ev sdk.ConnectingEvent) {
	u := ev.URL // redacted by the sdk (internal/redact)
	s.out.emit("connecting", fmt.Sprintf("connecting to %s (attempt %d)", u, ev.Attempt), toStatus,
		field{"attempt", ev.Attempt}, field{"url", u})
}

func (s *session) onOpen(ev sdk.OpenEvent) {
	human := "open"
	if ev.Subprotocol != "" {
		human += fmt.Sprintf(", subprotocol %q", ev.Subprotocol)
	}
	if ev.Reconnect {
		human += " (reconnected)"
	}
	s.out.emit("open", human, toStatus, field{"attempt", ev.Attempt},
		field{"subprotocol", ev.Subprotocol}, field{"reconnect", ev.Reconnect})
	if !ev.Reconnect {
		close(s.opened) // the first open: input may start
	}
}

func (s *session) onReconnecting(ev sdk.ReconnectingEvent) {
	text, kind := s.out.errText(ev.Cause), errorKind(ev.Cause)
	s.out.emit("reconnecting", fmt.Sprintf("reconnecting in %s (attempt %d): %s", ev.Delay, ev.Attempt, text), toStatus,
		field{"attempt", ev.Attempt}, field{"retry", ev.Retry}, field{"delay_ms", ev.Delay.Milliseconds()},
		field{"error", text}, field{"kind", kind})
}

func (s *session) onClose(ev sdk.CloseEvent) {
	human := fmt.Sprintf("closed %d (%s)", ev.Code, closecode.Name(ev.Code))
	if ev.Reason != "" {
		human += ": " + ev.Reason
	}
	s.out.emit("close", human, toStatus, field{"code", ev.Code}, field{"reason", ev.Reason},
		field{"final", ev.Final})
}

func (s *session) onHeartbeat(ev sdk.HeartbeatEvent) {
	_, smoothed := s.client.RTT() // the moving average, this answer included
	s.out.emit("heartbeat", fmt.Sprintf("heartbeat rtt %s (smoothed %s)", ev.RTT, smoothed), toStatus,
		field{"rtt_ms", ms(ev.RTT)}, field{"smoothed_ms", ms(smoothed)})
}

// onUnsent reports each message the client handed back, with the reason.
func (s *session) onUnsent(ev sdk.UnsentEvent) {
	for _, m := range ev.Messages {
		s.out.unsent(m, ev.Err)
	}
}

// onStateChange reports each failure a retry follows (a failed attempt or a
// lost connection); the final failure is reported once the client has ended.
func (s *session) onStateChange(ev sdk.StateChangeEvent) {
	if ev.To != sdk.Reconnecting || userEnded(ev.Cause) {
		return
	}
	s.out.failure(ev.Cause, errorKind(ev.Cause), false)
}
