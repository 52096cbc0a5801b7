// Package subprotocol holds what a Tether user configures or handles about
// Sec-WebSocket-Protocol negotiation: the profile of a protocol (its codec and
// its application-level heartbeat messages), the built-in profiles, credential
// entries, and the errors a negotiation reports. It is pure: no I/O, no clock,
// no package-level mutable state, and the same API in every build.
//
// # The policy
//
// The client offers sdk Options.Subprotocols, most preferred first. Every
// name is an RFC 7230 token (RFC 6455 §4.1): non-empty, made of tchar only (no
// separators, spaces, commas or control characters), and no name is offered
// twice; a bad offer fails New and Dial before any network I/O with an error
// wrapping sdk.ErrInvalidOptions, the same way on every platform. Names are
// compared case-sensitively: "Chat" is not "chat".
//
// The server's answer is validated the same way natively and in browsers: more
// than one value, a value that was not offered, or a credential entry is always
// a [MismatchError]; no value at all is one only when a protocol is required
// (Options.RequireSubprotocol). A MismatchError is never retried: reconnecting
// to the same server with the same offer gets the same answer.
//
// # Credentials
//
// Browsers cannot set request headers, so bearer tokens often travel as an extra
// offered subprotocol, for example Kubernetes'
// base64url.bearer.authorization.k8s.io.<token> ([BearerToken]). Give such
// entries in Options.SubprotocolCredentials; entries of Options.Subprotocols
// with that prefix are treated the same way. A credential entry is sent on the
// wire but never accepted as the selected protocol, and it is replaced by
// "[credential]" wherever the offer is shown: in a MismatchError, in errors,
// events and logs.
//
// # Profiles
//
// A [Profile] maps an agreed protocol name to a [Codec] for application messages
// ([JSON], or your own) and the application-level heartbeat messages the
// protocol defines. The built-in profiles, [GraphQLTransportWS] and [MQTT],
// always apply; give your own in Options.Profiles, where a profile named like a
// built-in one replaces it.
//
// # Size
//
// Builds with the tether_small tag (the browser shim's) leave encoding/json
// out of the binary: [JSON] still exists but its codec fails with
// errors.ErrUnsupported, and the built-in profiles carry no codec.
package subprotocol
