//go:build !js

package main

import (
	"context"
	"errors"

	"github.com/tetherws/tether/sdk"
	"github.com/tetherws/tether/transport"
)

// errorKind names the class of a connection error for the "kind" field.
func errorKind(err error) string {
	var (
		hs *transport.HandshakeError
		ce *transport.CloseError
	)
	switch {
	case errors.Is(err, sdk.ErrHeartbeatTimeout):
		return "heartbeat"
	case errors.Is(err, sdk.ErrSubprotocolMismatch):
		return "subprotocol"
	case errors.As(err, &hs):
		return "handshake"
	case errors.Is(err, transport.ErrCertificate):
		return "tls"
	case errors.Is(err, sdk.ErrMessageTooBig):
		return "message_too_big"
	case errors.As(err, &ce) && ce.Code != transport.StatusAbnormalClosure:
		return "closed"
	case errors.Is(err, context.DeadlineExceeded):
		return "timeout"
	}
	return "network"
}

// isUsageFailure reports errors from Dial that mean the flags cannot work.
func isUsageFailure(err error) bool {
	return errors.Is(err, sdk.ErrInvalidURL) || errors.Is(err, sdk.ErrInvalidOptions)
}

// closedNormally reports whether err is the server's normal (1000) close.
func closedNormally(err error) bool {
	var ce *transport.CloseError
	return errors.As(err, &ce) && ce.Remote && ce.Code == transport.StatusNormalClosure &&
		!errors.Is(err, sdk.ErrHeartbeatTimeout)
}

// userEnded reports errors that only say the caller stopped the client.
func userEnded(err error) bool {
	return err == nil || errors.Is(err, context.Canceled) || err == sdk.ErrClosed
}

// causeOf returns what a closed client's error wraps besides ErrClosed.
func causeOf(err error) error {
	multi, ok := err.(interface{ Unwrap() []error })
	if !ok {
		return err
	}
	for _, e := range multi.Unwrap() {
		if e != sdk.ErrClosed {
			return e
		}
	}
	return err
}
