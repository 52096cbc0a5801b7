// Package parity runs one set of scenarios against a real Node ws server
// (tests/peers/node/parity-server.mjs) on every Tether target and checks that
// each gives the outcome that expected.json lists: native Go (package sdk),
// the same Go code compiled to js/wasm and run in Node (cmd/wasmrun), the
// mobile facade (mobile.Client with a Listener) and the CLI (tether connect
// --json). The browser's TetherSocket runs the same table in headless
// Chromium from web/test/parity-matrix.test.mjs.
//
// Each scenario runs twice per target: with the explicit settings of
// expected.json (the same values on every target) and with the target's
// defaults. The runs of a target go at once, each keyed on the server by
// target, mode and scenario. A run reacts to events only (Driver: send on
// open, queue on a lost connection, then release the handshake the server
// holds), ends with Close once its outcome is known, and is bounded
// (boundSeconds; then its outcome ends in "unfinished"). Every run reduces to
// one normalised outcome string (see "grammar" in expected.json); the only
// differences allowed between targets are the browser limits listed there,
// which the js targets (wasm, chromium) may show instead.
//
// The test logs the matrix (scenario × settings × target) as a Markdown
// table; it takes about 50 s, most of it the default heartbeat (25 s + 15 s)
// of scenario 7. Run:
//
//	(cd tests/peers/node && npm ci)   # the ws package; .ci/run does it
//	cd tests && go test -count=1 -v -run TestParity ./parity
//	cd web && node --test test/parity-matrix.test.mjs
//
// TETHER_PARITY_TARGETS=sdk,mobile limits the Go targets (default: sdk, wasm,
// mobile, cli). With TETHER_PARITY_OUT=DIR set for both commands, the Go test
// writes DIR/go.json and the web test then prints the matrix of every target.
package parity
