// Package heartbeat configures Tether's heartbeats: how a client pings the
// server, how long it waits for proof of life before it declares the peer
// dead, and which application messages are heartbeat traffic.
//
// A Config is a plain value set in the sdk's Options.Heartbeat; its zero
// value, like DefaultConfig, uses the defaults below. The client resolves it
// on every connection against the negotiated subprotocol's profile (package
// subprotocol) and the platform, runs the heartbeat, and closes a connection
// whose peer stayed silent with an error that satisfies errors.Is(err,
// sdk.ErrHeartbeatTimeout).
//
// # Modes
//
//   - ModeApplication sends application data messages (Messages.Ping) and
//     recognises their answers (Messages.IsPong). Works natively and in
//     browsers.
//   - ModeProtocol sends RFC 6455 ping frames. Native only: a browser cannot
//     send ping frames, and asking for them there is an error
//     (sdk.ErrInvalidOptions) at New and Dial.
//   - ModeAuto, the default, uses application messages when the user or the
//     negotiated subprotocol's profile provides a ping, else protocol pings
//     when the transport supports them, else nothing. Heartbeats are thus on
//     by default natively, and on in browsers when a ping is available.
//   - ModeOff sends nothing and never declares the peer dead.
//
// Messages merge field by field with the profile's: each of Ping, IsPong
// and Reply set in Config overrides the profile's. In every mode a Reply rule
// answers server-initiated application pings (for example {"type":"ping"}
// with {"type":"pong"}); such pings are not delivered to Receive. Matched
// pongs are not delivered either, unless Config.DeliverPongs. A Config that
// cannot work fails New and Dial with sdk.ErrInvalidOptions, for example a negative Interval, ModeApplication without a Ping, or
// RequirePong in application mode without an IsPong.
//
// # Defaults
//
// The default Interval (25 s) is the idle time after which a ping is sent: below
// the 60 s after which nginx (proxy_read_timeout) and most load balancers
// cut an idle WebSocket, so the ping and its answer keep the connection
// alive. The default Timeout (15 s) is the wait for proof of life after a ping.
// By default any inbound message is proof of life (Config.RequirePong
// false), which saves pings on busy links.
//
// # Detection bound
//
// A dead peer is declared dead at most Interval + Timeout after the last
// proof of life (40 s by default): the ping is due Interval after it, and the
// peer is dead Timeout after the ping was sent. Proof of life is a matched
// pong, a protocol pong, a server ping, messages waiting unread in the client
// (a slow consumer is not a dead peer), and, unless RequirePong, any inbound
// message; each clears the awaited ping and restarts the
// interval, so detection never fires while life keeps arriving. While a
// browser page is hidden the timeout is stretched to Timeout ×
// HiddenTimeoutFactor (60 s by default), so the bound becomes Interval +
// Timeout × HiddenTimeoutFactor. The bound counts from when the client's
// timers fire; a timer that fires late (a suspended process, a throttled
// page) adds that lateness.
//
// # Wasm
//
// Browsers throttle timers on hidden pages (to once a minute in Chrome after
// a while), hence HiddenTimeoutFactor. When the page becomes visible again
// or the browser goes online, the client pings at once (as Client.Probe in
// package sdk does on demand), so a connection that died while the page
// slept is found quickly. Browsers answer server
// ping frames themselves but cannot send them: use an application ping.
package heartbeat
