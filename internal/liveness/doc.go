// Package liveness is the machinery behind package heartbeat: it resolves a
// user's heartbeat.Config into the Plan of one connection, and its Monitor
// decides, from the times it is told, when to ping, when the peer is dead,
// which inbound messages are heartbeat traffic, and the round-trip time.
//
// It is pure policy: no goroutines, timers or I/O. Every method takes the
// current time, so tests use plain time values and never sleep.
//
// # Resolving a Config
//
// Resolve turns a heartbeat.Config, the negotiated subprotocol's profile and
// whether the transport can send ping frames into a Plan whose Mode is
// heartbeat.ModeApplication, heartbeat.ModeProtocol or heartbeat.ModeOff,
// with every default filled in. Package sdk calls it when it checks Options
// (once per offered subprotocol) and on every connection.
//
// # Who drives the Monitor
//
// Package sdk owns one Monitor per connection and serialises calls to it. It
// arms a single timer for the time Next returns and, when the timer fires,
// acts on Due: on ActionPing it writes the ping and calls PingSent; on
// ActionDead it calls Backlog instead if messages are waiting unread (a slow
// consumer is not a dead peer), else closes the connection with CloseCode
// and CloseReason and reports liveness.ErrTimeout. It calls Inbound for
// every data message, PongReceived for protocol pongs, and re-arms the timer
// from Next after each call.
//
// # Detection bound
//
// A Monitor declares a dead peer dead at most Interval + Timeout after the
// last proof of life: the ping is due Interval after it, and the peer is dead
// Timeout after the ping was sent. Proof of life is a matched pong, a
// protocol pong, a server ping, Backlog, and, unless RequirePong, any inbound
// message or other Activity; each clears the awaited ping and restarts the
// interval. While hidden (SetHidden) the timeout is Timeout ×
// HiddenTimeoutFactor. The bound counts from the times Next returns; a driver
// whose timer fires late adds that lateness.
//
// # Wasm
//
// Browsers throttle timers on hidden pages (to once a minute in Chrome after
// a while), so the sdk calls SetHidden on visibilitychange, and ProbeNow
// when the page becomes visible again and on the online event, so a
// connection that died while the page slept is found at once.
package liveness
