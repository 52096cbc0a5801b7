//go:build js && wasm

package jsws

import (
	"syscall/js"

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
	// has not opened yet, and returns the embedder's handle for c, which Send
	// is given back. The handler must hand every message to c.Deliver, in
	// order, and never block. Required.
	Attach func(ws js.Value, c *Conn) (handle int32)
	// Detach is called once when c is released; the handler is already
	// removed. Optional.
	Detach func(c *Conn)
	// Send, when set, sends p (text, UTF-8, or binary) on ws, the socket
	// Attach returned handle for, and returns ws's bufferedAmount after the
	// send; ok is false, and nothing is sent, when the socket is not OPEN. It
	// must not keep p. Nil: Write calls ws.send itself.
	Send func(handle int32, ws js.Value, typ transport.MessageType, p []byte) (buffered int64, ok bool)
}

// Deliver hands the connection one received message, as the browser's message
// event would. The embedder's handler calls it; it never blocks, and the
// connection keeps data.
func (c *Conn) Deliver(typ transport.MessageType, data []byte) {
	c.receive(message{typ: typ, data: data})
}

// hostSend sends p through Host.Send; ok is false when the socket is not OPEN.
func (c *Conn) hostSend(typ transport.MessageType, p []byte) (ok bool) {
	ba, ok := c.host.Send(c.hostHandle, c.ws, typ, p)
	if ok {
		c.sentBuffered.Store(ba)
	}
	return ok
}
