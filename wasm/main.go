//go:build js && wasm

// Command wasm is Tether's browser build: the sdk compiled to WebAssembly, with a
// small JavaScript-facing API that web/src/tether.js (TetherSocket) calls.
//
// # Boot
//
// The page defines globalThis.__tetherBoot (a function) and runs the module
// with Go's wasm_exec.js. main calls __tetherBoot once with the API object and
// then keeps the program alive; it never exits on its own.
//
// # API
//
// Every function returns at once: work that waits (dialling, closing, sending
// on a slow connection) runs on goroutines, and results come back as events
// through the sink given to open.
//
//	open(url, protocols, options, sink) number | string
//	    Starts a client and returns its id, or an error message for options
//	    that cannot work. sink(kind, ...args) receives the events (see kind*)
//	    and returns how many bytes of sends it framed meanwhile (buffers.go).
//	sendText(id, n | string) number
//	sendBinary(id, n | Uint8Array) number
//	    Queue one message (copied at once): n bytes in the in buffer, or the
//	    value itself; 0 on success, else a status (statusClosed, statusFull,
//	    statusInvalid).
//	setInBuffer(Uint8Array), setFrameBuffer(Uint8Array)
//	    Register the buffers JavaScript writes messages into (see buffers.go).
//	sendFrames(n)
//	    Queue the messages framed in the first n bytes of the frame buffer.
//	close(id, code, reason, abort)
//	    Close with code (-1: none) and reason; abort reports a close called
//	    while the page still saw CONNECTING.
//	bufferedAmount(id) number
//	    Bytes accepted by send and not yet handed to the network.
//	probe(id), reconnectNow(id)
//	    sdk.Client.Probe and ReconnectNow.
//	rtt(id) [latest, smoothed]
//	    Heartbeat round-trip times in milliseconds.
//	count() number
//	    How many sockets are live (for leak checks in tests).
//
// Any number of sockets may be open at once; each is one sdk.Client plus one
// goroutine (the pump) that hands its events to JavaScript in order: open
// before the connection's messages, every message before the reconnecting or
// close event that follows the connection's end.
//
// Functions are called without a receiver and messages cross as lengths into
// shared buffers (buffers.go): every JavaScript object or string that reaches
// Go becomes a js.Value with a runtime finalizer, the main cost per call.
//
// The binary must not link net/http (megabytes in a browser build):
// web/build.sh and tests/layout check `go list -deps`.
package main

import "syscall/js"

func main() {
	boot := js.Global().Get("__tetherBoot")
	if boot.Type() != js.TypeFunction {
		println("tether: globalThis.__tetherBoot is not set; load tether.wasm through load() of the tether ES module")
		return
	}
	a := newAPI()
	boot.Invoke(a.object())
	select {} // serve JavaScript calls for the life of the page
}
