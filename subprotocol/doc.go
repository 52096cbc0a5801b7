// Package subprotocol is Tether's single policy for Sec-WebSocket-Protocol
// negotiation: the grammar of a protocol name, the offer a client sends, the
// validation of the server's answer, and profiles that say what to do once a
// protocol is agreed. It is pure: no I/O, no clock, no package-level mutable
// state, and it builds unchanged for native targets and GOOS=js GOARCH=wasm.
//
// # The policy
//
// Every offered name is an RFC 7230 token (RFC 6455 §4.1): non-empty, made of
// tchar only (no separators, spaces, commas or control characters), and no name
// is offered twice. Names are compared case-sensitively: "Chat" is not "chat".
// [Offer.Validate] reports a bad offer before any network I/O, so Dial fails the
// same way on every platform.
//
// After the handshake, [Offer.Check] validates the server's answer: more than one
// value, a value that was not offered, or a credential entry is always a
// [MismatchError]; no value at all is a MismatchError only when a protocol is
// required. MismatchError is never retryable: reconnecting to the same server
// with the same offer gets the same answer.
//
// # Browsers and native
//
// Native clients send the header themselves and see every value the server
// returns; split them with [ParseHeader]. Browsers build the header from the
// protocols argument of new WebSocket(url, protocols), throw a SyntaxError for an
// invalid or duplicate name, fail the connection themselves when the server selects
// a name that was not offered, and expose the result as the one string
// WebSocket.protocol ("" when none). Check applies the same rules to both, so a
// server that answers wrongly produces the same typed error everywhere, and the
// native transport's own check (which compares case-insensitively) is never the
// last word.
//
// # Credentials
//
// Browsers cannot set request headers, so bearer tokens often travel as an extra
// offered subprotocol, for example Kubernetes'
// base64url.bearer.authorization.k8s.io.<token> (see [BearerToken]). List such
// entries in [Offer.Credentials]; entries of Offer.Protocols that [IsCredential]
// recognises are treated the same way. A credential entry is sent on the wire
// ([Offer.Wire]) but never accepted as the selected protocol, and it is replaced by
// "[credential]" wherever the offer is shown: [Offer.Redacted], MismatchError and
// every error this package returns. Log and report only the redacted form.
//
// # Profiles
//
// A [Profile] maps an agreed protocol name to a [Codec] for application messages
// and the application-level heartbeat messages the protocol defines. [NewRegistry]
// returns a fresh [Registry] holding the built-in profiles (graphql-transport-ws
// and mqtt); register your own with [Registry.Register].
package subprotocol
