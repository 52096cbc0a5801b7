//go:build !js

package mobile

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/tetherws/tether/internal/closecode"
	"github.com/tetherws/tether/internal/liveness"
	"github.com/tetherws/tether/internal/wserr"
	"github.com/tetherws/tether/sdk"
	"github.com/tetherws/tether/transport"
)

// Error kinds, as passed to Listener.OnError and returned by ErrorKindOf.
const (
	// ErrorKindHandshake: the server refused the opening handshake with an
	// HTTP status (401, 403, 429, 503, …).
	ErrorKindHandshake = "handshake"
	// ErrorKindSubprotocol: the server's subprotocol answer broke the policy
	// (not offered, several values, or none while RequireSubprotocol).
	ErrorKindSubprotocol = "subprotocol"
	// ErrorKindHeartbeat: no proof of life within the heartbeat timeout; the
	// connection was closed with 4000.
	ErrorKindHeartbeat = "heartbeat"
	// ErrorKindNetwork: the server is unreachable, the handshake timed out, or
	// the connection broke without a close frame.
	ErrorKindNetwork = "network"
	// ErrorKindClose: the connection was ended by a close frame (from the
	// server, or because a message was too big); code and reason come with
	// OnClose.
	ErrorKindClose = "close"
	// ErrorKindClosed: the client is closed (a call after Close), or Close or
	// OnBackground ended the session while the call waited.
	ErrorKindClosed = "closed"
	// ErrorKindInvalid: invalid input: URL, Config, close code, text that is
	// not UTF-8.
	ErrorKindInvalid = "invalid"
	// ErrorKindOutbox: too many messages wait for an open connection
	// (Config.OutboxMaxMessages, or 4 MiB of them).
	ErrorKindOutbox = "outbox"
	// ErrorKindCancelled: the call's Cancel handle was cancelled.
	ErrorKindCancelled = "cancelled"
	// ErrorKindState: the call does not fit the client's state (Connect while
	// a session runs; Send or Enqueue when none does: before Connect, or after
	// the session ended).
	ErrorKindState = "state"
	// ErrorKindCredentials: the Config.CredentialsProvider returned an error;
	// the message carries it.
	ErrorKindCredentials = "credentials"
	// ErrorKindUnconfirmed: messages were written but the server did not
	// confirm reading them: Flush ran out of time or some were handed back
	// meanwhile, or a message handed back to Listener.OnUnsent may have been
	// delivered (maybeDelivered true).
	ErrorKindUnconfirmed = "unconfirmed"
	// ErrorKindOther: anything else.
	ErrorKindOther = "other"
)

var (
	errBusy         = errors.New("tether: already connecting or connected (Close, or wait for the session to end, first)")
	errNotConnected = errors.New("tether: not connected (call Connect or ConnectAsync first)")
	errCancelled    = errors.New("tether: cancelled")
	errCredentials  = errors.New("credentials provider")
	// errInvalidArgument: a method was given a value it cannot use.
	errInvalidArgument = errors.New("tether: invalid argument")
)

var invalidErrors = []error{errInvalidArgument, sdk.ErrInvalidURL, sdk.ErrInvalidOptions, sdk.ErrInvalidUTF8,
	sdk.ErrInvalidMessageType, sdk.ErrInvalidCloseCode, sdk.ErrCloseReasonTooLong,
	wserr.ErrHeaderUnsupported, wserr.ErrInvalidSubprotocolName, liveness.ErrInvalidConfig}

// ErrorKindOf returns the kind (an ErrorKind* constant) of an error returned by
// this package, or "" for nil. In Kotlin pass the caught exception.
func ErrorKindOf(err error) string {
	var hs *transport.HandshakeError
	var ce *transport.CloseError
	var ne *transport.NetworkError
	switch {
	case err == nil:
		return ""
	case errors.Is(err, errCredentials):
		return ErrorKindCredentials
	case errors.Is(err, errCancelled), errors.Is(err, context.Canceled):
		return ErrorKindCancelled
	case errors.Is(err, errBusy), errors.Is(err, errNotConnected):
		return ErrorKindState
	case errors.Is(err, sdk.ErrUnconfirmed), errors.Is(err, sdk.ErrMaybeDelivered):
		return ErrorKindUnconfirmed
	case isAny(err, invalidErrors):
		return ErrorKindInvalid
	case errors.As(err, &hs):
		return ErrorKindHandshake
	case errors.Is(err, sdk.ErrSubprotocolMismatch):
		return ErrorKindSubprotocol
	case errors.Is(err, sdk.ErrHeartbeatTimeout):
		return ErrorKindHeartbeat
	case errors.Is(err, sdk.ErrOutboxFull):
		return ErrorKindOutbox
	case errors.As(err, &ce), errors.Is(err, sdk.ErrMessageTooBig):
		return ErrorKindClose
	case errors.As(err, &ne), errors.Is(err, context.DeadlineExceeded):
		return ErrorKindNetwork
	case errors.Is(err, sdk.ErrClosed):
		return ErrorKindClosed
	}
	return ErrorKindOther
}

func isAny(err error, targets []error) bool {
	for _, t := range targets {
		if errors.Is(err, t) {
			return true
		}
	}
	return false
}

// readable makes err fit for the app: a cancelled context becomes errCancelled
// and every message starts with "tether:".
func readable(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, context.Canceled):
		return fmt.Errorf("%w: %w", errCancelled, err)
	case strings.HasPrefix(err.Error(), "tether:"):
		return err
	}
	return fmt.Errorf("tether: %w", err)
}

// checkClose validates a close code and reason before anything is closed.
func checkClose(code int64, reason string) error {
	switch {
	case code < 1000 || code > 4999 || !closecode.Sendable(int(code)):
		return fmt.Errorf("%w: %d", sdk.ErrInvalidCloseCode, code)
	case len(reason) > 123:
		return fmt.Errorf("%w: %d bytes", sdk.ErrCloseReasonTooLong, len(reason))
	case !utf8.ValidString(reason):
		return sdk.ErrInvalidUTF8
	}
	return nil
}
