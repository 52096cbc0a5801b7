//go:build tether_small

package subprotocol

// builtinCodec is nil in builds with the tether_small tag (the browser shim's,
// whose JavaScript encodes its own messages): the built-in profiles then carry
// no Codec, so encoding/json stays out of the binary unless JSON is used.
func builtinCodec() Codec { return nil }
