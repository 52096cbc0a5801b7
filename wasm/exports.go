//go:build js && wasm

package main

import (
	"unsafe"

	"github.com/tetherws/tether/transport"
)

// Functions exported to JavaScript with //go:wasmexport: bridge.js calls them
// on every message, where a js.FuncOf call would cost microseconds (it runs
// the scheduler until every goroutine is idle and wraps each argument in a
// js.Value with a finalizer). An export runs on the goroutine that JavaScript
// interrupted and must never block: it does what it can without waiting
// (tether_message may deliver the message to the listeners, tether_send may
// write it to the browser) and queues the rest, which runs when bridge.js next
// resumes Go.
//
// Exports that allocate (scratch, message, send) are called only from
// top-level JavaScript, while Go is paused: were an allocation to park the
// goroutine (a GC assist), a js.FuncOf call made by JavaScript nested inside
// Go could resume it outside the export's frame. tether_buffered and
// tether_count never allocate and may be called anywhere.
//
// Bytes cross through the scratch buffer: JavaScript asks for its address
// with tether_scratch(n), writes at most n bytes there, then passes their
// count.

// exported is the API the exports serve; main sets it before booting.
var exported *api

// scratch is where JavaScript writes one message for the next export call.
var scratch []byte

// scratchExport returns the address of a scratch buffer of at least n bytes.
// Earlier addresses are invalid after it grows.
//
//go:wasmexport tether_scratch
func scratchExport(n int32) int32 {
	if int(n) > len(scratch) {
		scratch = make([]byte, max(int(n), 2*len(scratch), 4096))
	}
	return int32(uintptr(unsafe.Pointer(unsafe.SliceData(scratch))))
}

// fromScratch copies the first n bytes of the scratch buffer.
func fromScratch(n int32) []byte {
	if n < 0 || int(n) > len(scratch) {
		return nil
	}
	return append([]byte(nil), scratch[:n]...)
}

// messageExport hands a browser WebSocket's message (kind 1 text, 2 binary,
// n bytes in scratch) to the hosted connection conn, and then to the
// socket's listeners at once unless its delivery goroutine is delivering
// (socket.messageArrived). It returns 1 when the listeners got it, 0 when
// Go must run to deliver it (or the connection is gone).
//
//go:wasmexport tether_message
func messageExport(conn, kind, n int32) int32 {
	hc, ok := exported.hosted.get(conn)
	if !ok {
		return 0 // released: the connection is gone
	}
	hc.inbox.Deliver(transport.MessageType(kind), fromScratch(n)) // the kind is the opcode
	if hc.owner.messageArrived() {
		return 1
	}
	return 0
}

// sendExport queues a message from TetherSocket.send (kind 1 text, 2 binary,
// n bytes in scratch) and returns a send status; tether.js reports a message
// that was not queued in an unsent event.
//
//go:wasmexport tether_send
func sendExport(id, kind, n int32) int32 {
	s := exported.byID(int(id))
	if s == nil {
		return statusUnknown
	}
	typ := transport.Binary
	if kind == 1 {
		typ = transport.Text
	}
	return int32(s.send(transport.Message{Type: typ, Data: fromScratch(n)}))
}

// countExport returns how many sockets are live (for leak checks in tests).
//
//go:wasmexport tether_count
func countExport() int32 {
	exported.mu.Lock()
	defer exported.mu.Unlock()
	return int32(len(exported.sockets))
}

// bufferedExport returns the socket's bufferedAmount (0 for an unknown id).
//
//go:wasmexport tether_buffered
func bufferedExport(id int32) float64 {
	if s := exported.byID(int(id)); s != nil {
		return float64(s.bufferedAmount())
	}
	return 0
}
