// Package tetherotel records what Tether clients do as OpenTelemetry metrics
// and spans, using only the sdk package's public API: its event callbacks,
// Client.Stats and Client.BufferedAmount.
//
//	inst, err := tetherotel.New(tetherotel.Config{MeterProvider: mp, TracerProvider: tp})
//	if err != nil { ... }
//	opts := inst.Instrument(&sdk.Options{OnEvent: myOnEvent}) // myOnEvent still runs
//	c, err := sdk.Dial(ctx, url, opts)
//	if err != nil { ... }
//	stop := inst.Observe(c) // message, byte and buffered-byte counts
//	defer stop()
//
// One Instrumenter serves any number of clients (a fleet): it creates its
// instruments once, each client adds a record of its current connection, and
// the observable instruments report the sum over the observed clients.
// Nothing here starts a goroutine: events are recorded on the goroutine that
// runs the client's callbacks, observable instruments on the reader's.
//
// # Metrics
//
//   - tether.connection.attempts {attempt}: attempts by
//     tether.connection.outcome (opened, failed, canceled: the client was
//     closed during the attempt) and, when failed, error.type (http_3xx,
//     http_4xx, http_5xx, http_other, subprotocol_mismatch, invalid_options,
//     tls, timeout, network, _OTHER).
//   - tether.reconnects {reconnect}: connections opened again after a loss.
//   - tether.reconnect.duration (s): from a lost connection to the next open.
//   - tether.heartbeat.rtt (s): round-trip time of each answered ping.
//   - tether.unsent {message}: messages handed back, by tether.unsent.reason
//     (maybe_delivered, outbox_full, undeliverable, closed, _OTHER).
//   - tether.send.buffered (By, observable): Client.BufferedAmount, summed.
//   - tether.messages {message} and tether.io (By) (observable counters):
//     Client.Stats, by network.io.direction (transmit, receive).
//
// Times are taken when a callback runs, which may be a little after the
// event: the client queues its callbacks.
//
// # Spans
//
// Each connection attempt is a span named tether.connection (kind client),
// started when the attempt starts. A failed attempt ends at once with
// status Error and error.type. An opened one gets the event "open", the
// negotiated tether.subprotocol and tether.connection.reconnect, and ends
// when the connection closes, with tether.close.code, tether.close.reason
// (the close frame's reason, at most 123 bytes, chosen by the server or the
// client), tether.close.clean (ended with a close handshake) and
// tether.close.final (the client will not reconnect). A connection that
// ends without a close handshake (1006, heartbeat timeout) has status Error.
// Spans are roots: a connection outlives the request that started it.
//
// # Bounded attributes
//
// Metric attributes take only the fixed values listed above, so a fleet of
// any size produces a fixed number of series. Nothing recorded holds a URL,
// a host, a credential, a header value, an error's text or anything about a
// single message; errors are reduced to a class with errors.Is and
// errors.As.
package tetherotel
