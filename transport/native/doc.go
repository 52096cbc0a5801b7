//go:build !js

// Package native is Tether's transport for Go programs: RFC 6455 over
// github.com/coder/websocket, with handshake headers, a custom *http.Client (TLS
// configuration, proxies), permessage-deflate, a read limit and protocol-level pings.
//
// Every file carries the build constraint !js; browsers use transport/jsws.
//
// A [Dialer]'s zero value is ready to use. The connections it opens follow
// the contract of [transport.Conn] (one goroutine in Read, any number in
// Write, Close idempotent) and are [transport.Pinger]s: they send RFC 6455
// ping frames.
//
// # What the server sends
//
// The transport holds the server to RFC 6455, as browsers do. A message the
// connection ends inside is a *transport.NetworkError wrapping
// io.ErrUnexpectedEOF, never a shorter message. A masked frame fails the
// connection with 1002 (sdk.ErrProtocolViolation); text or a close reason
// that is not valid UTF-8 fails it with 1007 (sdk.ErrInvalidUTF8); in both
// cases the server is sent that close frame where it can still be (not after
// its own close frame, which coder/websocket answers itself). The handshake
// never follows a redirect (a *transport.HandshakeError with its 3xx status), and a 101 answer Dial
// rejects, such as a subprotocol that was not offered, fails at once (the
// sdk reports a subprotocol it did not offer as *subprotocol.MismatchError).
//
// coder/websocket is used as it is: the server's byte stream is observed on its
// way in (the 101 response's body is wrapped by the handshake's RoundTripper),
// counting complete messages and stopping at a masked frame.
//
// # The handshake's connection
//
// With an *http.Transport (the default client's, or the caller's), the
// handshake runs on a connection of its own: dialed with the Transport's
// DialContext, over TLS with its TLSClientConfig (offering HTTP/1.1 alone)
// within its TLSHandshakeTimeout, the answer's header bounded by its
// MaxResponseHeaderBytes (256 KiB when zero). It never enters the
// Transport's connection pool, which would cost three goroutines and two
// 4 KiB buffers for a connection that a 101 takes over for good. A request
// the Transport's Proxy sends to a proxy, a host name that is not ASCII (the
// Transport dials its IDNA form), a Transport with its own DialTLSContext, a
// request traced with net/http/httptrace and any other RoundTripper go
// through the RoundTripper as they are.
//
// At most 256 such handshakes with one host:port are in progress at once
// through one Transport (its MaxConnsPerHost instead, when set: a Transport
// counts a connection against it until a 101 hands it over); the others wait
// for a slot, within their context, before they dial. RFC 6455 §4.1 allows
// one connection in the CONNECTING state per endpoint, as browsers do, which
// would connect many clients in one process far too slowly; the bound keeps
// such a fleet, reconnecting at once to a server that cannot answer it within
// the handshake timeout, from leaving the server requests that it upgrades
// for clients that have given up. A handshake holds its slot until the
// answer's header arrives or its context ends (sdk.Options.HandshakeTimeout
// bounds every attempt): call Dial with a context that ends.
//
// # Reads that end with their context
//
// On a connection whose handshake's transport reported the connection it
// dialed (net/http's does: InterruptibleRead), a Read whose context ends
// while it waits for a message returns the context's error and leaves the
// connection open; one inside a message reads it to its end first. The read
// is cut by a read deadline in the past, so the close handshake must not
// share the socket with such a Read: Close interrupts it, waits for it and
// only then writes its close frame, the wait and the handshake within one 5 s
// bound (coder/websocket's own on its handshake); that Read, and any later
// one, fails with sdk.ErrClosed. A Read with a context that never ends is coder/websocket's
// as it is: it reads the server's answer to the close frame.
package native
