// Package nativehook lets the project's own programs reach settings of the
// native transport (transport/native) that are not public API. Package
// native sets the variables in its init; a program asserts them to the
// documented function type.
package nativehook

// SetFrameObservers is a func(d *native.Dialer, ping, pong func(payload []byte)):
// on connections d dials, ping (when non-nil) is told each ping frame the
// server sends, before the automatic pong, and pong (when non-nil) each pong
// frame received (answers to the heartbeat's pings, or unsolicited). The
// payload is valid only during the call; both run on the connection's
// reading goroutine, so they must be quick. Call it before d is used. The
// CLI (cmd/tether) uses it for --show-ping. Set by package transport/native
// in native builds only (nil in js/wasm, which has no native Dialer).
var SetFrameObservers any
