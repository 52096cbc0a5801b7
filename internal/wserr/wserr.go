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
)
