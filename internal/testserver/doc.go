//go:build !js

// Package testserver is a scriptable WebSocket server for Tether's tests and for
// the CLI's `tether serve` and `tether demo`. [Server] is an [net/http.Handler];
// [Start] runs one on a loopback listener.
//
// Durations in query parameters are whole milliseconds (at most one hour). Every
// value is checked: a bad or repeated parameter gets 400 with a message, never a
// panic. Unknown parameters are ignored, so URLs may carry tokens or cache busters.
// key=K (at most 128 bytes) names the bucket a request is counted in; parallel
// tests use distinct keys so they do not see each other's counts.
//
// # Routes
//
//	/echo, /chaos   Echo every message with its type. Both accept every parameter:
//	  drop_after=MS        close the TCP connection MS after open, no close frame
//	  close_after=MS       send a close frame MS after open, with code=N (default
//	                       1000) and reason=TEXT (at most 123 bytes)
//	  blackhole_after=MS   from MS after open, read and discard everything and send
//	                       nothing (no pongs either), keeping TCP open
//	  status=N             refuse every handshake with HTTP status N (200-599),
//	  retry_after=S        adding Retry-After: S
//	  fail_first=N         refuse only the first N handshakes for this key, with
//	                       status (default 503), then behave as /echo
//	  accept_then_close=N  close the first N accepted connections for this key at
//	                       once with code (default 1011), then echo
//	  app_ping=1           answer a text JSON object with "type":"ping" with the
//	                       same object with "type":"pong" ({"type":"ping"} gets
//	                       {"type":"pong"}); echo everything else
//	  server_ping_every=MS send {"type":"ping"} every MS; the client's JSON
//	                       "type":"pong" messages are then not echoed
//	  delay_ms=MS          wait MS before each echo (a slow server)
//	  slow_read=1          never read after open, so the client's writes fill the
//	                       TCP buffers; the server's receive buffer is pinned to
//	                       SlowReadBuffer (no autotuning), so they fill after the
//	                       same amount on every machine; excludes hold, app_ping
//	                       and delay_ms
//	  hold=1               read and discard, never echo
//	/reject             refuse any GET with status (default 400) and retry_after.
//	/subprotocol/none   as /echo, but never selects a subprotocol.
//	/subprotocol/bogus  hand-written 101 selecting proto=NAME (default
//	                    "not-offered") whatever the client offered.
//	/subprotocol/select hand-written 101 selecting exactly proto=NAME (required),
//	                    for case-sensitivity tests.
//	/subprotocol/multi  hand-written 101 with "Sec-WebSocket-Protocol: a, b".
//	/stats              JSON {"KEY": {"handshakes":H,"accepted":A,"rejected":R}};
//	                    /stats?key=K gives K's counts and "handshake_times".
//	/drop, /blackhole,  act now on every /echo or /chaos WebSocket opened with
//	/close              key=K (required) and still served: drop its TCP
//	                    connection, make it silent (as blackhole_after), or close
//	                    it with code=N (default 1000) and reason=TEXT. The answer
//	                    is {"connections": N}. A connection is registered before
//	                    its 101 is sent, so a client may act as soon as it is open:
//	                    tests drop or silence a connection right after an event
//	                    they waited for, instead of racing a timer.
//	/                   a plain-text list of the routes.
//
// After the hand-written 101 of /subprotocol/select the server is a minimal
// WebSocket peer: it echoes data frames, answers pings and answers a close frame,
// so a client that accepts the handshake can still close cleanly. After the 101 of
// /subprotocol/bogus and /subprotocol/multi, which a client must reject, the server
// half-closes its side (TCP FIN) at once and discards input until the client
// closes: coder/websocket's Dial reads up to 1 KiB of the body for up to 3 s after
// a failed handshake check, and the FIN ends that wait immediately.
//
// A silent connection (blackhole_after, slow_read) cannot notice the client leaving,
// so it is dropped after Options.MaxSilent, or by [Server.DropAll] or [Server.Close].
//
// # Subprotocols
//
// /echo and /chaos select the first protocol of the client's offer, in the client's
// order, that Options.Subprotocols contains (exact match): a client offering
// [b a] to a server supporting [a b] gets b.
package testserver
