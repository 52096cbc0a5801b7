package tetherotel

import (
	"context"
	"errors"
	"net"

	"github.com/tetherws/tether/sdk"
	"github.com/tetherws/tether/transport"
)

// Values of error.type on a failed attempt.
const (
	errHTTP3xx      = "http_3xx"
	errHTTP4xx      = "http_4xx"
	errHTTP5xx      = "http_5xx"
	errHTTPOther    = "http_other"
	errSubprotocol  = "subprotocol_mismatch"
	errOptions      = "invalid_options"
	errTLS          = "tls"
	errTimeout      = "timeout"
	errNetwork      = "network"
	errOther        = "_OTHER" // semconv.ErrorTypeOther: an unclassified error
	reasonMaybe     = "maybe_delivered"
	reasonFull      = "outbox_full"
	reasonUndeliver = "undeliverable"
	reasonClosed    = "closed"
	reasonOther     = "_OTHER"
)

// canceled reports whether an attempt ended because the client was closed,
// not because it failed: no cause, a cancellation, or ErrClosed alone (a
// client that gives up wraps ErrClosed and the failure's own error).
func canceled(err error) bool {
	switch {
	case err == nil, errors.Is(err, context.Canceled):
		return true
	}
	return errors.Is(err, sdk.ErrClosed) && errorType(err) == errOther
}

// errorType classifies why an attempt failed into a few fixed values. It
// never looks at the error's text, which may name the host.
func errorType(err error) string {
	var hs *transport.HandshakeError
	switch {
	case errors.As(err, &hs) && hs.Status >= 300 && hs.Status <= 399:
		return errHTTP3xx
	case errors.As(err, &hs):
		return statusClass(hs.Status)
	case errors.Is(err, sdk.ErrSubprotocolMismatch):
		return errSubprotocol
	case errors.Is(err, sdk.ErrInvalidOptions):
		return errOptions
	case errors.Is(err, transport.ErrCertificate):
		return errTLS
	case isTimeout(err):
		return errTimeout
	case isNetwork(err):
		return errNetwork
	}
	return errOther
}

func statusClass(status int) string {
	switch status / 100 {
	case 3:
		return errHTTP3xx
	case 4:
		return errHTTP4xx
	case 5:
		return errHTTP5xx
	}
	return errHTTPOther
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout()
}

// isNetwork: the server was unreachable or the connection broke; in browsers
// a refused handshake looks like close 1006, so a CloseError counts too.
func isNetwork(err error) bool {
	var ne *transport.NetworkError
	var ce *transport.CloseError
	return errors.As(err, &ne) || errors.As(err, &ce)
}

// unsentReason classifies why messages were handed back.
func unsentReason(err error) string {
	switch {
	case errors.Is(err, sdk.ErrMaybeDelivered):
		return reasonMaybe
	case errors.Is(err, sdk.ErrOutboxFull):
		return reasonFull
	case errors.Is(err, sdk.ErrUndeliverable):
		return reasonUndeliver
	case errors.Is(err, sdk.ErrClosed):
		return reasonClosed
	}
	return reasonOther
}

// cleanClose reports whether a connection ended with a close handshake: the
// client's own Close (no cause) or a close frame from the server. A network
// failure (1006), a heartbeat timeout (4000) or a connection the client
// failed itself (1002, 1007, 1009) is not clean.
func cleanClose(ev sdk.CloseEvent) bool {
	if ev.Cause == nil {
		return true
	}
	var ce *transport.CloseError
	return errors.As(ev.Cause, &ce) && ce.Remote
}
