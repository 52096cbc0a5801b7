// Package heartbeat is Tether's heartbeat policy: when to ping, when the peer
// is dead, which inbound messages are heartbeat traffic, and the round-trip
// time.
//
// It is pure policy: no goroutines, timers or I/O. Every method takes the
// current time, so tests use plain time values and never sleep.
//
// # Modes
//
// A Config resolves, per connection, into a Plan (Config.Resolve):
//
//   - ModeApplication sends application data messages (Messages.Ping) and
//     recognises their answers (Messages.IsPong). Works natively and in
//     browsers.
//   - ModeProtocol sends RFC 6455 ping frames. Native only: a browser cannot
//     send ping frames, and asking for them there is an error
//     (ErrProtocolPingUnsupported) at Dial.
//   - ModeAuto, the default, uses application messages when the user or the
//     negotiated subprotocol's profile provides a ping, else protocol pings
//     when the transport supports them, else nothing. Heartbeats are thus on
//     by default natively, and on in browsers when a ping is available.
//   - ModeOff sends nothing and never declares the peer dead.
//
// In every mode a Reply rule answers server-initiated application pings
// (for example {"type":"ping"} with {"type":"pong"}); such pings are not
// delivered to Receive. Matched pongs are not delivered either, unless
// Config.DeliverPongs.
//
// # Defaults
//
// DefaultInterval (25 s) is the idle time after which a ping is sent: below
// the 60 s after which nginx (proxy_read_timeout) and most load balancers
// cut an idle WebSocket, so the ping and its answer keep the connection
// alive. DefaultTimeout (15 s) is the wait for proof of life after a ping.
// By default any inbound message is proof of life (Config.RequirePong
// false), which saves pings on busy links.
//
// # Detection bound
//
// A dead peer is declared dead at most Interval + Timeout after the last
// proof of life (40 s by default): the ping is due Interval after it, and the
// peer is dead Timeout after the ping was sent. Proof of life is a matched
// pong, a protocol pong, a server ping, unread backlog, and, unless
// RequirePong, any inbound message or other Activity; each clears the
// awaited ping and restarts the interval, so detection never fires while
// life keeps arriving. While a browser page is hidden the timeout is
// stretched to Timeout × HiddenTimeoutFactor (60 s by default), so the bound
// becomes Interval + Timeout × HiddenTimeoutFactor. The bound counts from the
// times Next returns; a driver whose timer fires late adds that lateness.
//
// # Who drives the Monitor
//
// Package sdk owns one Monitor per connection and serialises calls to it. It
// arms a single timer for the time Next returns and, when the timer fires,
// acts on Due: on ActionPing it writes the ping and calls PingSent; on
// ActionDead it calls Backlog instead if messages are waiting unread (a slow
// consumer is not a dead peer), else closes the connection with CloseCode
// and CloseReason and reports ErrTimeout. It calls Inbound for every data
// message, PongReceived for protocol pongs, and re-arms the timer from Next
// after each call.
//
// # Wasm
//
// Browsers throttle timers on hidden pages (to once a minute in Chrome after
// a while), so the sdk calls SetHidden on visibilitychange, and ProbeNow
// when the page becomes visible again and on the online event, so a
// connection that died while the page slept is found at once. Browsers
// answer server ping frames themselves but cannot send them: use an
// application ping.
package heartbeat
