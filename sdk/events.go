package sdk

import (
	"time"

	"github.com/tetherws/tether/transport"
)

// StateChangeEvent reports a state transition.
type StateChangeEvent struct {
	From, To State
	// Cause is the error behind the change, if any (a lost connection, a
	// failed attempt); nil for ordinary progress.
	Cause error
}

// ConnectingEvent reports the start of a connection attempt.
type ConnectingEvent struct {
	// Attempt counts attempts since the client started, from 1.
	Attempt int
	// URL is the URL being dialled, credentials redacted.
	URL string
}

// OpenEvent reports an open connection.
type OpenEvent struct {
	// Attempt counts attempts since the client started, from 1.
	Attempt int
	// Subprotocol is the agreed subprotocol, or "".
	Subprotocol string
	// Reconnect is true for every open after the first.
	Reconnect bool
	// Confirms is true when the connection can confirm delivery: its
	// heartbeat sends pings (natively by default; in browsers only with an
	// application ping). False: a message counts as delivered once written,
	// and at a loss only the latest unconfirmed writes are reported (see
	// DeliveryOptions).
	Confirms bool
	// PreviousSubprotocol is, on a reconnect, the subprotocol the previous
	// connection agreed: a server may select another one this time, which
	// Subprotocol != PreviousSubprotocol shows. "" on the first open.
	PreviousSubprotocol string
}

// ReconnectingEvent reports a lost connection (or failed attempt) that will be
// retried after Delay.
type ReconnectingEvent struct {
	// Attempt is the number of the attempt that will follow the delay,
	// counted since the client started (as in ConnectingEvent and OpenEvent).
	Attempt int
	// Retry counts consecutive failed connections or attempts since the last
	// stable connection (the reconnect policy's count; MaxAttempts applies to it).
	Retry int
	// Delay is the wait before that attempt (backoff with jitter, or longer
	// for a server's Retry-After or 1013).
	Delay time.Duration
	// Cause is why the previous connection or attempt ended.
	Cause error
}

// CloseEvent reports the end of a connection.
type CloseEvent struct {
	// Code and Reason come from the close frame; Code is 1006 when the
	// connection ended without one (network failure, heartbeat timeout is 4000).
	Code   int
	Reason string
	// Cause is the error that ended the connection; nil after Close.
	Cause error
	// Final is true when the client will not reconnect: it is now Closed.
	// A CloseEvent reports a connection that was open; when the reconnect
	// attempts that follow it all fail and the client gives up, no further
	// CloseEvent comes: the StateChangeEvent to Closed (its Cause says why),
	// Done and Err report that.
	Final bool
}

// HeartbeatEvent reports an answered heartbeat.
type HeartbeatEvent struct {
	// RTT is this ping's round-trip time (Client.RTT gives the moving
	// average too).
	RTT time.Duration
}

// UnsentEvent hands back messages that were queued with Enqueue and will never
// be sent, with the reason (outbox overflow, Close, reconnect given up).
type UnsentEvent struct {
	Messages []transport.Message
	Err      error
}
