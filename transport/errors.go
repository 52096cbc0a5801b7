package transport

import (
	"errors"
	"time"

	"github.com/tetherws/tether/internal/closecode"
	"github.com/tetherws/tether/internal/errfmt"
)

// CloseError reports a connection closed by a close frame. Code is the status code
// (1005 when the frame had none, 1006 when the connection ended without one).
type CloseError struct {
	Code   int
	Reason string
	// Remote is true when the peer sent the close frame.
	Remote bool
}

func (e *CloseError) Error() string {
	side := "locally"
	if e.Remote {
		side = "by peer"
	}
	if e.Reason == "" {
		return errfmt.Sprintf("tether: connection closed %s with status %d (%s)", side, e.Code, closecode.Name(e.Code))
	}
	return errfmt.Sprintf("tether: connection closed %s with status %d (%s): %s", side, e.Code, closecode.Name(e.Code), e.Reason)
}

// HandshakeError reports an opening handshake the server answered with an HTTP
// status other than 101 Switching Protocols.
//
// A redirect (3xx) is one too, and is never followed, as browsers never
// follow one for WebSocket: following it would carry the handshake's headers
// and credential subprotocol entries to wherever the server points, possibly
// over plain ws://. Retrying does not help, so it is not retryable.
type HandshakeError struct {
	// Status is the HTTP status code.
	Status int
	// RetryAfter is the server's Retry-After header as a delay; zero when absent.
	RetryAfter time.Duration
	// Location is a redirect's target, resolved against the request URL, with
	// credentials redacted; empty for other statuses or without a Location
	// header.
	Location string
	// Err is the underlying error, if any.
	Err error
}

// redirect reports whether the server answered with a redirect (3xx).
func (e *HandshakeError) redirect() bool { return e.Status >= 300 && e.Status <= 399 }

func (e *HandshakeError) Error() string {
	if e.redirect() {
		if e.Location == "" {
			return errfmt.Sprintf("tether: handshake redirected with HTTP %d; redirects are not followed", e.Status)
		}
		return errfmt.Sprintf("tether: handshake redirected with HTTP %d to %s; redirects are not followed", e.Status, e.Location)
	}
	msg := errfmt.Sprintf("tether: handshake rejected with HTTP %d", e.Status)
	if e.RetryAfter > 0 {
		msg += errfmt.Sprintf(" (retry after %s)", e.RetryAfter)
	}
	return msg
}

func (e *HandshakeError) Unwrap() error { return e.Err }

// ErrCertificate reports that the server's TLS certificate could not be
// verified (unknown authority, expired, wrong host), or that the server
// refused the client's certificate with a TLS alert. Compare with errors.Is.
// A dial error that matches it also carries the cause: natively, errors.As
// finds the *tls.CertificateVerificationError or the x509 error. Retrying
// does not help, so it is not retryable.
var ErrCertificate = errors.New("tether: TLS certificate not verified")

// NetworkError reports a failure to reach the server or a connection that broke
// without a close frame. URL is redacted.
type NetworkError struct {
	Op  string // "dial", "read" or "write"
	URL string // redacted; may be empty
	Err error
}

func (e *NetworkError) Error() string {
	if e.URL == "" {
		return errfmt.Sprintf("tether: %s: %v", e.Op, e.Err)
	}
	return errfmt.Sprintf("tether: %s %s: %v", e.Op, e.URL, e.Err)
}

func (e *NetworkError) Unwrap() error { return e.Err }
