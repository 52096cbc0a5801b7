// Package wserr holds the sentinel errors the transports (transport/native,
// transport/jsws) and the sdk share. Users see them under the sdk's names
// (sdk.ErrClosed, sdk.ErrMessageTooBig, ...), the only public ones.
package wserr

import "errors"

var (
	// ErrClosed reports an operation on a connection that was closed locally.
	ErrClosed = errors.New("tether: closed")
	// ErrMessageTooBig reports a message larger than the read limit; the
	// connection is closed with status 1009.
	ErrMessageTooBig = errors.New("tether: message too big")
	// ErrHeaderUnsupported reports handshake headers on a transport that cannot
	// set them (browsers).
	ErrHeaderUnsupported = errors.New("tether: custom handshake headers are not supported by this transport")
	// ErrInvalidUTF8 reports a text message or close reason from the peer that is
	// not valid UTF-8. The error wraps a *CloseError with status 1007: the
	// connection was failed, as RFC 6455 §8.1 requires.
	ErrInvalidUTF8 = errors.New("tether: text is not valid UTF-8")
	// ErrProtocolViolation reports a frame from the peer that RFC 6455 forbids,
	// such as a masked frame from a server (§5.1). The error wraps a *CloseError
	// with status 1002: the connection was failed.
	ErrProtocolViolation = errors.New("tether: peer violated the WebSocket protocol")
	// ErrInvalidArgument reports a call given a value it cannot use (a close
	// code an endpoint may not send, a close reason too long, ...).
	ErrInvalidArgument = errors.New("tether: invalid argument")
)

// UpgradeError reports a 101 Switching Protocols response the transport could not
// accept (a bad Sec-WebSocket-Accept, an unknown extension, or a subprotocol it
// refused). Subprotocols holds every Sec-WebSocket-Protocol value the server sent,
// so the sdk can report a subprotocol mismatch precisely (as a
// *subprotocol.MismatchError); any other UpgradeError reaches users as an
// error to read, classified like a network error.
type UpgradeError struct {
	Subprotocols []string
	Err          error
}

func (e *UpgradeError) Error() string { return "tether: invalid handshake response: " + e.Err.Error() }

func (e *UpgradeError) Unwrap() error { return e.Err }

// The negotiation's sentinels: users see them as sdk.ErrSubprotocolMismatch
// and (inside errors wrapping sdk.ErrInvalidOptions) as the name check's.
var (
	// ErrInvalidSubprotocolName reports a name that is not an RFC 7230 token, a
	// duplicate entry in an offer (sdk Options.Subprotocols and
	// SubprotocolCredentials), or a profile name (sdk Options.Profiles) that
	// is not a token, is a credential entry or is given twice. The sdk's
	// errors for such options wrap it.
	ErrInvalidSubprotocolName = errors.New("tether: invalid subprotocol name")
	// ErrSubprotocolMismatch reports a server answer the offer does not allow;
	// errors.Is(err, ErrSubprotocolMismatch) is true for every *subprotocol.MismatchError.
	ErrSubprotocolMismatch = errors.New("tether: subprotocol mismatch")
)
