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
// Every function returns at once: the client connects in the background
// (sdk.New) and results come back as events through the sink given to open.
//
//	open(url, protocols, options, sink) number | string
//	    Starts a client and returns its id, or an error message for options
//	    that cannot work (or when setHost was not called first). sink(kind,
//	    ...args) receives the events (see kind*). With options.perAttempt.url
//	    (or .protocols) set, the url (protocols) is asked of JavaScript
//	    before every attempt: a kindParams event carries a reply function
//	    (params.go).
//	setHost({attach, detach})
//	    Registers bridge.js's side of the browser WebSockets (host.go).
//	close(id, code, reason, abort)
//	    Close with code (-1: none) and reason; abort reports a close called
//	    while the page still saw CONNECTING.
//	probe(id), reconnectNow(id)
//	    sdk.Client.Probe and ReconnectNow.
//	flush(id, token, timeoutMs) bool, cancelFlush(id, token)
//	    sdk.Client.Flush on a goroutine; the result is a kindFlush event
//	    (flush.go). false: no such socket (it has ended).
//
// The per-message calls are wasm exports instead (exports.go), far cheaper
// than js.FuncOf: tether_scratch, tether_message (a received message),
// tether_send (TetherSocket.send; returns statusOK, statusClosed, statusFull,
// statusInvalid or statusUnknown), tether_buffered (bufferedAmount) and
// tether_count (live sockets, for leak checks in tests). Sends made by
// listeners during an event are framed into Go memory instead (frames.go).
// Go calls back per message through functions it imports (imports.go).
//
// Any number of sockets may be open at once; each is one sdk.Client whose
// ordered stream of messages and lifecycle events (Options.StreamEvents) one
// goroutine translates into JavaScript events (stream.go, events.go). While
// that goroutine is parked, tether_message delivers the stream's ready
// entries itself, inside the export.
//
// Messages cross as addresses and lengths in the wasm memory: every
// JavaScript object or string that reaches Go becomes a js.Value with a
// runtime finalizer, and every js.FuncOf call runs the scheduler until idle.
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
	exported = a
	boot.Invoke(a.object())
	select {} // serve JavaScript calls for the life of the page
}
