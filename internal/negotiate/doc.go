// Package negotiate is the machinery of Tether's Sec-WebSocket-Protocol
// policy: the grammar of a protocol name, the offer a client sends, the
// validation of the server's answer, the splitting of the header, and the
// lookup of the profile for an agreed protocol. The sdk, the facades and the
// CLI use it; users see only what package subprotocol exports (profiles,
// codecs, BearerToken and the errors this package returns). It is pure: no
// I/O, no clock, no package-level mutable state.
//
// Every offered name is an RFC 7230 token (RFC 6455 §4.1) and no name is
// offered twice; names are compared case-sensitively. [Offer.Validate] reports
// a bad offer before any network I/O. [Offer.Check] validates the server's
// answer and returns a [*subprotocol.MismatchError] whose lists are redacted:
// a credential entry ([IsCredential], or listed in [Offer.Credentials]) is sent
// on the wire ([Offer.Wire]) but never accepted as the selection and never
// shown.
package negotiate
