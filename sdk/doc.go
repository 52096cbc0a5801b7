// Package sdk is Tether's WebSocket client: one Client API for Go programs and
// for browsers (GOOS=js GOARCH=wasm), with reconnect, heartbeats and
// subprotocol negotiation applied by one policy on every platform.
//
//	c, err := sdk.Dial(ctx, "wss://example.com/ws", &sdk.Options{
//		Subprotocols: []string{"chat.v2", "chat.v1"},
//	})
//	if err != nil { ... }
//	defer c.Close()
//	err = c.Send(ctx, transport.TextMessage("hello"))
//	m, err := c.Receive(ctx)
//
// # Lifecycle
//
// New returns a client at once and connects in the background; Dial is New
// followed by a wait for the first open. The client reconnects by itself
// with exponential backoff and jitter (see package reconnect) until Close, or
// until a failure that retrying cannot fix (close 1008, HTTP 401, a
// subprotocol mismatch...). State reports where it is (Connecting, Open,
// Reconnecting, Closing, Closed); a StateChangeEvent reports each change.
// Options.OnEvent receives every lifecycle event (OpenEvent,
// ReconnectingEvent, CloseEvent, HeartbeatEvent, UnsentEvent,
// StateChangeEvent, ConnectingEvent) in order on one goroutine owned by the
// client, never under a lock. With Options.StreamEvents, Next returns
// the same events in one ordered stream with the server's messages, which is
// what a facade translating the client to another platform needs.
//
// # Nothing lost silently
//
// A written message is not a delivered one. A message given to Send or
// Enqueue ends in exactly one of three ways:
//   - confirmed: a pong came back that answers a ping written after it, so
//     the server's WebSocket layer has read it (an application ping answered
//     by the server's application proves its loop has; a gateway that answers
//     protocol pings itself proves only that hop, so use an application ping
//     there). The client sends such a barrier ping shortly after writes
//     (DeliveryOptions.BarrierDelay, 50 ms; one ping per burst, a heartbeat
//     ping counts), and Flush waits for it;
//   - re-sent, first and in order, on the next connection when the connection
//     ends before confirming it (the default: at least once, so the server
//     may read it twice; a server that must not can drop duplicates by a
//     message id only it can check);
//   - handed back to the caller with the reason: Send's error, or an
//     UnsentEvent and Unsent, with ErrMaybeDelivered for a message written
//     but not confirmed (DeliveryOptions.HandBackUnconfirmed, or at Close)
//     and another error (ErrClosed, ErrOutboxFull, ErrUndeliverable) for
//     one never written.
//
// Send returns once the message is written; Send then Flush confirms it.
// Written, unconfirmed messages are bounded (DeliveryOptions.MaxUnconfirmed,
// 4096 messages, and MaxUnconfirmedBytes, 4 MiB): at half a bound written
// since the last ping a ping goes out at once, and at a bound senders wait. A connection without pings (heartbeat off, or a
// browser without an application ping: OpenEvent.Confirms is false) cannot
// confirm: a message counts as delivered once written, and at a loss the
// client reports (re-sends or hands back) those written since the last
// message from the server, at most MaxUnconfirmed of them. Messages a
// connection did not confirm are re-sent ahead of newer ones, so across a
// reconnect the server may see an older message after a newer one only when
// it is a re-send of one it may already have read.
//
// Receive returns every message the server sent, in order, across
// reconnects, and an error only once the client is closed or has given up.
// Received messages wait in an inbox bounded by count (Options.ReceiveBuffer,
// 256) and by bytes (Options.ReceiveBufferBytes, 4 MiB; one message up to
// ReadLimit always fits an empty inbox): when it is full the client stops
// reading the socket instead of dropping anything.
//
// # Concurrency
//
// Every Client method is safe for concurrent use. Writes are serialised (one
// writer per connection). A Receive caller reads the socket itself; a reader
// goroutine reads for it only while none does. An open client with nothing
// queued runs no goroutine of its own: the supervisor starts again when a
// message is queued or the connection ends.
// Enqueue, and Receive or Next with a context that has already ended, never
// block, for threads that must not wait.
// Close stops every goroutine the client started before it returns.
//
// # Errors
//
// Errors are values, each with one name. Compare the sentinels, declared
// here (ErrClosed, ErrInvalidURL, ErrHeartbeatTimeout, ErrSubprotocolMismatch,
// ...) and transport.ErrCertificate (the server's TLS certificate could not
// be verified; the error also carries the cause), with errors.Is. Typed
// errors live in the package that defines what they describe; use errors.As for:
//   - *transport.CloseError: the connection closed (code, reason, who closed);
//   - *transport.HandshakeError: the server refused the upgrade (HTTP status,
//     Retry-After, a redirect's Location); also *transport.NetworkError;
//   - *subprotocol.MismatchError: the negotiation failed (offered, selected).
//
// URLs, header values and subprotocol credentials are redacted in errors,
// events and logs.
//
// Dial checks everything it can before it starts anything: a nil context is
// ErrInvalidArgument (as is a bad message type, close code or reason given to
// Send, Enqueue or CloseWithStatus), and every mistake in Options (a negative limit, heartbeat
// settings that cannot work with any subprotocol the server may select, a
// subprotocol that is not a token, a header that cannot be sent) satisfies
// errors.Is(err, ErrInvalidOptions), with a message that names the field (a
// header in a browser build, which cannot send one, is such a mistake). Such errors
// are never retried.
//
// # Wasm
//
// In js/wasm builds the transport is the browser's WebSocket (transport/jsws);
// the API is the same, with the browser's limits:
//   - Options.Header must be empty (browsers cannot set handshake headers);
//     send tokens in the URL or as a subprotocol credential
//     (Options.SubprotocolCredentials, subprotocol.BearerToken).
//   - A refused handshake is invisible: it looks like close 1006, so it is
//     retried by the backoff (bounded by Reconnect.MaxAttempts) instead of
//     stopping on 401.
//   - Browsers cannot send ping frames: heartbeats are application messages,
//     on when Heartbeat.Ping is set or the agreed subprotocol's profile
//     provides one (graphql-transport-ws, mqtt). Heartbeat.Mode ModeProtocol
//     fails at Dial.
//   - When subprotocols are offered and the server selects none, the browser
//     fails the connection itself (as if RequireSubprotocol were set); Node's
//     WebSocket fires only an error event for a failed handshake, which the
//     transport turns into the same 1006 failure.
//   - Only close codes 1000 and 3000–4999 go on the wire; 1001–1014 are sent as 1000.
//   - Received messages are buffered by the browser without backpressure.
//   - Size: the build tag tether_small (used by web/build.sh for the browser
//     shim) leaves log/slog, fmt and encoding/json out of the binary (about
//     130 KB of gzipped wasm): Options.Logger is then ignored, the built-in
//     subprotocol profiles carry no JSON codec, and subprotocol.JSON's codec
//     fails with errors.ErrUnsupported.
package sdk
