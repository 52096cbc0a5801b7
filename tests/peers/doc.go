// Package peers checks Tether's client against real third-party WebSocket
// servers, each started as a child process on 127.0.0.1:
//
//   - Node's ws package (node/server.mjs; node/package.json pins ws, and
//     `npm ci` in tests/peers/node installs it),
//   - Python's websockets package (python/server.py; Debian's
//     python3-websockets, run by /usr/bin/python3).
//
// Both servers behave the same (see the comment at the top of each script):
// echo, subprotocol selection (the first offered protocol they support, from
// --protocols), close with a given code and reason, application ping/pong
// ({"type":"ping"} → {"type":"pong"}), server-sent protocol pings, dropping
// the TCP connection after a delay, and reporting how a connection closed.
// Against each, the tests use a real sdk.Client: text and binary echo (0 B,
// 1 KiB, 1 MiB), an ordered burst, a message over the read limit (1009),
// subprotocol agreement and a required subprotocol the server lacks, server
// closes (4001 is retried, 1000 is final), the client's close code and reason
// as the server sees them, reconnect after a dropped connection, protocol and
// application heartbeats, and answers to the server's pings.
//
// Each server runs with a bounded lifetime, exits when the test's stdin pipe
// closes, and is stopped by its process id in t.Cleanup. A peer whose runtime
// or library is missing is skipped with a message that says how to install it
// (.ci/run does both). Run:
//
//	cd tests && go test -count=1 ./peers
package peers
