package sdk

import (
	"errors"

	"github.com/tetherws/tether/internal/errfmt"
	"github.com/tetherws/tether/internal/liveness"
	"github.com/tetherws/tether/internal/wserr"
)

// Sentinel errors. Compare with errors.Is; every message starts with "tether:".
var (
	// ErrClosed: the client was closed, or gave up (then the cause is wrapped too).
	ErrClosed = wserr.ErrClosed
	// ErrInvalidURL: the URL is empty, does not parse, has no host or has a
	// scheme other than ws, wss, http or https.
	ErrInvalidURL = errors.New("tether: invalid URL")
	// ErrInvalidUTF8: a text message or close reason is not valid UTF-8: one
	// given to Send or Close, or one the server sent (the connection was then
	// failed with 1007, and errors.As gives a *transport.CloseError too).
	ErrInvalidUTF8 = wserr.ErrInvalidUTF8
	// ErrProtocolViolation: the server broke RFC 6455 (a masked frame); the
	// connection was failed with 1002, and errors.As gives a *transport.CloseError too.
	ErrProtocolViolation = wserr.ErrProtocolViolation
	// ErrInvalidArgument: a call was given a value it cannot use, and did
	// nothing: a nil context, a transport.Message whose Type is neither
	// transport.Text nor transport.Binary, a close code an endpoint may not
	// send (RFC 6455 §7.4) or a close reason over 123 bytes. The message
	// says which ("tether: invalid argument: close code 1005").
	ErrInvalidArgument = wserr.ErrInvalidArgument
	// ErrInvalidOptions: an Options field has a value that cannot work.
	ErrInvalidOptions = errors.New("tether: invalid options")
	// ErrMessageTooBig: a received message exceeded Options.ReadLimit; the
	// connection was closed with 1009.
	ErrMessageTooBig = wserr.ErrMessageTooBig
	// ErrHeartbeatTimeout: no proof of life arrived within the heartbeat timeout;
	// the connection was closed with 4000 "heartbeat timeout".
	ErrHeartbeatTimeout = liveness.ErrTimeout
	// ErrSubprotocolMismatch: the server's Sec-WebSocket-Protocol answer broke
	// the negotiation policy; errors.As gives a *subprotocol.MismatchError.
	ErrSubprotocolMismatch = wserr.ErrSubprotocolMismatch
	// ErrOutboxFull: the outbox limit was reached. Send and Enqueue return
	// it for a message refused on the way in (OverflowReject); with
	// OverflowDropOldest the oldest queued message is dropped instead and
	// handed back with it (UnsentEvent, Unsent, and its Send's error).
	ErrOutboxFull = errors.New("tether: outbox full")
	// ErrUndeliverable: a queued message broke Outbox.MaxWriteAttempts
	// connections while being written and was handed back; the error wraps
	// the last write error.
	ErrUndeliverable = errors.New("tether: message undeliverable")
	// ErrMaybeDelivered: a message was written but the connection was lost
	// before the server confirmed reading it; it was handed back
	// (DeliveryOptions.HandBackUnconfirmed, or Close) and the server may or
	// may not have read it. Distinct from a message never written.
	ErrMaybeDelivered = errors.New("tether: message maybe delivered")
	// ErrUnconfirmed: Flush ended with messages not confirmed.
	ErrUnconfirmed = errors.New("tether: messages not confirmed")
)

// The two ways a full outbox ends a message, both ErrOutboxFull.
var (
	errOutboxRefused = errfmt.Errorf("%w: message refused", ErrOutboxFull)
	errOutboxDropped = errfmt.Errorf("%w: oldest queued message dropped", ErrOutboxFull)
)

// closedError is the terminal error of a client that stopped for cause.
type closedError struct{ cause error }

func (e *closedError) Error() string { return "tether: closed: " + e.cause.Error() }

func (e *closedError) Unwrap() []error { return []error{ErrClosed, e.cause} }

func terminalError(cause error) error {
	if cause == nil || errors.Is(cause, ErrClosed) {
		return ErrClosed
	}
	return &closedError{cause: cause}
}

// errNilContext is a nil context given to Dial or Flush.
var errNilContext = errfmt.Errorf("%w: nil context", ErrInvalidArgument)
