//go:build js && wasm

package main

import "unsafe"

// Functions imported from JavaScript with //go:wasmimport: the per-message
// calls from Go into JavaScript. web/src/load.js provides them as the module
// "tether", forwarding to bridge.js. They take and return numbers only, so a
// call costs about what a JavaScript function call does, where a syscall/js
// call converts each argument to a js.Value and allocates. They must never
// throw: an exception unwinding through Go's frames would wreck the runtime,
// so bridge.js catches everything.

// importSend sends the n bytes at addr (kind 1 text, UTF-8; 2 binary) on the
// browser WebSocket of hosted connection conn, and returns its bufferedAmount
// after the send, or -1 without sending when the socket is not OPEN.
//
//go:wasmimport tether send
func importSend(conn, kind, addr, n int32) float64

// importMessage hands socket's listeners a received message (kind 1 text,
// 2 binary; n bytes at addr, copied before any listener runs). It returns how
// many bytes of sends the listeners framed meanwhile (frames.go).
//
//go:wasmimport tether message
func importMessage(socket, kind, addr, n int32) int32

// addrOf is the address of b's bytes in the wasm memory (0 when empty). The
// caller keeps b alive until JavaScript is done with it.
func addrOf(b []byte) int32 {
	if len(b) == 0 {
		return 0
	}
	return int32(uintptr(unsafe.Pointer(unsafe.SliceData(b))))
}
