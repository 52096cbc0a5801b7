//go:build !js

// Command tether is the command-line face of the Tether WebSocket SDK: a
// wscat/websocat-class client that also reconnects, heartbeats and negotiates
// subprotocols, plus the embedded test server and a narrated demo.
//
//	tether connect URL [flags]   talk to a server, interactively or scripted
//	tether serve [flags]         run the embedded test server
//	tether demo                  narrate drop, reconnect, queueing, heartbeat
//	tether bench [flags]         echo msgs/s: sdk.Client vs raw coder/websocket
//	tether version | help [COMMAND]
//
// Try it: go run ./cmd/tether demo
//
// # connect
//
// Stdin lines become text messages; received messages print on stdout as
// "< text" (binary: "< [binary N bytes] BASE64"), sent ones as "> text";
// status lines go to stderr. With --binary base64|hex, stdin lines and --send
// values are decoded and sent as binary messages (a line that does not decode
// is reported as an "input" error and skipped), and binary data shows in that
// format; --send-file PATH sends a file as one binary message.
// With --json every event is one JSON object per line on stdout, with
// "event" and "time" (RFC 3339, nanoseconds) first:
//
//	connecting   attempt, url (user info and every query value REDACTED)
//	open         attempt, subprotocol, reconnect
//	message      type (text|binary), data (binary: base64, or hex with --binary hex)
//	sent         type, data (once written to the socket, not yet confirmed)
//	heartbeat    rtt_ms, smoothed_ms
//	reconnecting attempt, retry, delay_ms, error, kind
//	close        code, reason, final
//	unsent       count (1), type, data, maybe_delivered, error
//	error        error, kind, final
//
// Error kinds: handshake, subprotocol, heartbeat, network, closed, tls,
// message_too_big, timeout, input.
//
// Flags: -p/--subprotocol (repeatable), --require-subprotocol, -H/--header
// (repeatable), --origin, --insecure, --handshake-timeout, --no-reconnect,
// --reconnect-initial, --reconnect-max, --max-attempts, --retry-first-dial,
// --heartbeat-interval, --heartbeat-timeout, --ping, --pong, --no-resend, --send and
// --send-file (repeatable, in order), --binary, --count, --timeout, --linger,
// --json, -q/--quiet. Flags may come before or after the URL.
//
// When tether stops: after --count messages (exit 0); on Ctrl-C or SIGTERM
// (exit 0); at the end of stdin only when none of --send, --send-file and
// --count is given, once every line was sent and the server has been quiet
// for --linger (exit 0); when the connection ends with no retry left (exit 1;
// a normal 1000 close from the server exits 0 unless --count was not
// reached); at --timeout (exit 3). Every stop closes with 1000. Usage errors
// exit 2.
//
// Nothing is lost silently: a message sent is confirmed once the server
// answers a ping written after it. A lost connection's unconfirmed messages
// are re-sent first on the next one, or with --no-resend reported as unsent
// with maybe_delivered true. At every stop tether takes no more input (a
// message still waiting to be written is not sent), gives unconfirmed
// messages up to 2 s (the SDK's Close), then reports each one left, and each
// one never sent, as an unsent event (maybe_delivered, error; a status line
// even with --quiet) before the final verdict; any unsent event turns an
// exit status of 0 into 4.
//
// Credentials never appear in the output: URLs show REDACTED for the user
// info and for every query value (parameter names stay), with no fragment
// (see internal/redact), and usage errors never repeat a header value, a
// credential -p entry or an argument that may hold one.
//
// # serve
//
// Serves internal/testserver (/echo, /chaos, /subprotocol/*, /reject, /stats)
// on --addr (default 127.0.0.1:8080; a non-loopback address only when named,
// with a warning), with --subprotocols a,b, and the browser demo under /web/
// (web/demo/ and the wasm build in web/dist/, which ./web/build.sh writes;
// serve says so when it is missing). It prints its URLs one per line and
// serves until Ctrl-C or SIGTERM.
//
// # demo
//
// Runs the embedded server behind internal/faultproxy and a native client, and
// narrates in about 2 seconds: subprotocol agreed, echo, server drop,
// reconnect with backoff, queued messages flushed in order, a silent link,
// heartbeat timeout, reconnect, and a summary. Exit 0 on success, 1 naming the
// step that failed.
//
// Every file carries //go:build !js: the CLI uses net/http and the native
// transport.
package main
