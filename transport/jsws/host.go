//go:build js && wasm

package jsws

import (
	"runtime"
	"syscall/js"
	"unsafe"

	"github.com/tetherws/tether/transport"
)

// Host lets an embedder that owns the page's JavaScript (Tether's web shim)
// carry a connection's messages, the per-message path, without js.FuncOf:
// calling into Go through js.FuncOf costs microseconds (the scheduler runs
// until idle and every JavaScript object gets a finalizer), while a function
// exported with //go:wasmexport and a Go-to-JavaScript call with numbers cost
// a fraction of that. Open, close and error events still use js.FuncOf.
//
// A nil *Host in Dialer means plain js.FuncOf callbacks, which need no
// JavaScript beyond wasm_exec.js.
type Host struct {
	// Attach installs the embedder's message handler on ws, a WebSocket that
	// has not opened yet. The handler must hand every message to c.Deliver, in
	// order, and never block. Required.
	Attach func(ws js.Value, c *Conn)
	// Detach is called once when c is released; the handler is already
	// removed. Optional.
	Detach func(c *Conn)
	// Send, when defined, is a JavaScript function send(ws, kind, addr, n)
	// that sends the n bytes at address addr of the wasm memory (kind 1 text,
	// UTF-8; 2 binary) and returns the bufferedAmount after the send, or -1
	// without sending when the socket is not OPEN. Undefined: Write calls
	// ws.send itself.
	Send js.Value
}

// Deliver hands the connection one received message, as the browser's message
// event would. The embedder's handler calls it; it never blocks, and the
// connection keeps data.
func (c *Conn) Deliver(typ transport.MessageType, data []byte) {
	c.receive(message{typ: typ, data: data})
}

// hostSend sends p through Host.Send; ok is false when the socket is not OPEN.
func (c *Conn) hostSend(typ transport.MessageType, p []byte) (ok bool) {
	kind := 2
	if typ == transport.Text {
		kind = 1
	}
	var addr uintptr
	if len(p) > 0 {
		addr = uintptr(unsafe.Pointer(unsafe.SliceData(p)))
	}
	ba := c.host.Send.Invoke(c.ws, kind, addr, len(p)).Float()
	runtime.KeepAlive(p)
	if ba < 0 {
		return false
	}
	c.sentBuffered.Store(int64(ba))
	return true
}
