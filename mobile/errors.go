//go:build !js

package mobile

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/tetherws/tether/internal/closecode"
	"github.com/tetherws/tether/internal/liveness"
	"github.com/tetherws/tether/internal/wserr"
	"github.com/tetherws/tether/sdk"
	"github.com/tetherws/tether/transport"
)

// The error kinds, as passed to Listener.OnError and Listener.OnUnsent and
// returned by ErrorKindOf; ErrorKindOf's documentation says what each means.
const (
	kindHandshake   = "handshake"
	kindSubprotocol = "subprotocol"
	kindHeartbeat   = "heartbeat"
	kindNetwork     = "network"
	kindClose       = "close"
	kindClosed      = "closed"
	kindInvalid     = "invalid"
	kindOutbox      = "outbox"
	kindCancelled   = "cancelled"
	kindState       = "state"
	kindCredentials = "credentials"
	kindUnconfirmed = "unconfirmed"
	kindOther       = "other"
)

var (
	errBusy         = errors.New("tether: already connecting or connected (Close, or wait for the session to end, first)")
	errNotConnected = errors.New("tether: not connected (call Connect or ConnectAsync first)")
	errCancelled    = errors.New("tether: cancelled")
	errCredentials  = errors.New("credentials provider")
)

var invalidErrors = []error{sdk.ErrInvalidArgument, sdk.ErrInvalidURL, sdk.ErrInvalidOptions, sdk.ErrInvalidUTF8,
	wserr.ErrHeaderUnsupported, wserr.ErrInvalidSubprotocolName, liveness.ErrInvalidConfig}

// ErrorKindOf returns the kind of an error returned by this package, or ""
// for nil. In Kotlin pass the caught exception. The kinds, which are also
// what Listener.OnError, Listener.OnUnsent and FlushCallback receive, are
// these lower-case strings and no others:
//   - "handshake": the server refused the opening handshake with an HTTP
//     status (401, 403, 429, 503, …).
//   - "subprotocol": the server's subprotocol answer broke the policy (not
//     offered, several values, or none while RequireSubprotocol).
//   - "heartbeat": no proof of life within the heartbeat timeout; the
//     connection was closed with 4000.
//   - "network": the server is unreachable, the handshake timed out, or the
//     connection broke without a close frame.
//   - "close": the connection was ended by a close frame (from the server, or
//     because a message was too big); code and reason come with OnClose.
//   - "closed": the client is closed (a call after Close), or Close or
//     OnBackground ended the session while the call waited.
//   - "invalid": invalid input: URL, Config, close code or reason, text that
//     is not UTF-8, a timeout that is not positive.
//   - "outbox": too many messages wait for an open connection
//     (Config.OutboxMaxMessages, or 4 MiB of them).
//   - "cancelled": the call's Cancel handle was cancelled.
//   - "state": the call does not fit the client's state (Connect while a
//     session runs; Send or Enqueue when none does: before Connect, or after
//     the session ended).
//   - "credentials": the Config.CredentialsProvider returned an error; the
//     message carries it.
//   - "unconfirmed": messages were written but the server did not confirm
//     reading them: Flush ran out of time or some were handed back
//     meanwhile, or a message handed back to Listener.OnUnsent may have been
//     delivered (maybeDelivered true).
//   - "other": anything else.
func ErrorKindOf(err error) string {
	var hs *transport.HandshakeError
	var ce *transport.CloseError
	var ne *transport.NetworkError
	switch {
	case err == nil:
		return ""
	case errors.Is(err, errCredentials):
		return kindCredentials
	case errors.Is(err, errCancelled), errors.Is(err, context.Canceled):
		return kindCancelled
	case errors.Is(err, errBusy), errors.Is(err, errNotConnected):
		return kindState
	case errors.Is(err, sdk.ErrUnconfirmed), errors.Is(err, sdk.ErrMaybeDelivered):
		return kindUnconfirmed
	case isAny(err, invalidErrors):
		return kindInvalid
	case errors.As(err, &hs):
		return kindHandshake
	case errors.Is(err, sdk.ErrSubprotocolMismatch):
		return kindSubprotocol
	case errors.Is(err, sdk.ErrHeartbeatTimeout):
		return kindHeartbeat
	case errors.Is(err, sdk.ErrOutboxFull):
		return kindOutbox
	case errors.As(err, &ce), errors.Is(err, sdk.ErrMessageTooBig):
		return kindClose
	case errors.As(err, &ne), errors.Is(err, context.DeadlineExceeded):
		return kindNetwork
	case errors.Is(err, sdk.ErrClosed):
		return kindClosed
	}
	return kindOther
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

// checkClose validates a close code and reason before anything is closed:
// closecode.Check, as the sdk does, once code fits an int (gomobile passes
// int64; an int is 32 bits on 32-bit Android).
func checkClose(code int64, reason string) error {
	if code < 1000 || code > 4999 {
		return fmt.Errorf("%w: close code %d", sdk.ErrInvalidArgument, code)
	}
	return closecode.Check(int(code), reason)
}
