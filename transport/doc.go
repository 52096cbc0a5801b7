// Package transport defines the two interfaces every Tether transport implements,
// [Dialer] and [Conn], and the error values they return.
//
// The package has no platform imports: the native implementation lives in
// transport/native (built when GOOS is not js) and the browser implementation in
// transport/jsws (built for js/wasm). Package sdk depends only on this package and
// picks the default implementation with build tags.
//
// # Contract
//
// A [Dialer] may be used by any number of goroutines at once. Dial returns only
// once the WebSocket handshake has completed (or failed); the returned Conn is open.
//
// A [Conn] allows exactly one goroutine in Read at a time and any number of
// goroutines in Write (writes are serialised by the transport, each message is
// written whole). Ping and Close may be called concurrently with Read and Write.
// Close is idempotent: the first call performs the close handshake (bounded in time)
// and later calls return nil at once. After Close, Read and Write return an error
// wrapping sdk.ErrClosed.
//
// # Errors
//
// Transports report failures as values callers can inspect with errors.Is and
// errors.As:
//
//   - [CloseError]: the connection was closed with a close frame (code, reason).
//   - [HandshakeError]: the server answered the opening handshake with a status other
//     than 101 (status, Retry-After; a redirect's Location: never followed).
//   - [ErrCertificate] (errors.Is): the server's TLS certificate could not be
//     verified; the error also carries the cause.
//   - [NetworkError]: the server could not be reached, or the connection broke
//     without a close frame.
//
// The sentinel errors the transports wrap (a connection closed locally, a
// message over the read limit, invalid UTF-8 or a protocol violation from the
// peer) are the sdk's: compare with sdk.ErrClosed, sdk.ErrMessageTooBig,
// sdk.ErrInvalidUTF8 and sdk.ErrProtocolViolation.
//
// Errors never contain credentials from the dialled URL.
package transport
