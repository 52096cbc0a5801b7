//go:build js && wasm

// Package jsws is Tether's transport for GOOS=js GOARCH=wasm: the JavaScript
// runtime's own WebSocket (a browser's, or Node's with --experimental-websocket)
// through a small syscall/js binding. It never links net/http.
//
// Every file carries the build constraint js && wasm; Go programs use
// transport/native.
//
// # Behaviour
//
//   - binaryType is "arraybuffer"; binary messages are copied into Go once.
//   - JavaScript event handlers only copy data and hand it to Go; they never
//     block (callbacks made with js.FuncOf must not), and every js.Func is
//     released when the connection ends.
//   - Write honours a bufferedAmount high-water mark: while the browser holds
//     more than Dialer.HighWaterMark unsent bytes (zero: 1 MiB), Write waits
//     (polling bufferedAmount, since browsers have no drain event) instead of
//     piling data into memory.
//   - Browsers may only send close codes 1000 and 3000–4999; other valid codes
//     (1001–1014) are sent as 1000 with the reason kept.
//   - Browsers hide the handshake: a refused upgrade (HTTP 401, 503, ...) shows
//     up as close 1006 with no status, and custom headers cannot be set
//     (sdk.Dial fails with an error wrapping sdk.ErrInvalidOptions).
//   - Protocol pings cannot be sent (its connections are not transport.Pinger);
//     the browser answers the server's pings by itself.
//   - A received message larger than DialOptions.ReadLimit (zero: 1 MiB;
//     negative: no limit) fails the connection with close 1009.
//   - JavaScript exceptions become Go errors; they never crash the program.
package jsws
