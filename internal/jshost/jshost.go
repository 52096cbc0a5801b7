//go:build js && wasm

// Package jshost is the seam between transport/jsws and Tether's browser shim
// (package wasm): the shim, which owns the page's JavaScript, carries each
// connection's messages itself, the per-message path, without js.FuncOf.
// Calling into Go through js.FuncOf costs microseconds (the scheduler runs
// until idle and every JavaScript object gets a finalizer), while a function
// exported with //go:wasmexport and a Go-to-JavaScript call with numbers cost
// a fraction of that. Open, close and error events still use js.FuncOf.
//
// Every file carries the build constraint js && wasm.
package jshost

import (
	"errors"
	"syscall/js"

	"github.com/tetherws/tether/transport"
)

// Host carries the messages of the connections a hosted dialer (NewDialer)
// opens.
type Host struct {
	// Attach installs the embedder's message handler on ws, a WebSocket that
	// has not opened yet, and returns the embedder's handle for the
	// connection, which Send is given back. The handler must hand every
	// message to in.Deliver, in order, and never block. closed is closed once
	// the browser's close event has fired (the connection is over; its reader
	// gets the queued messages, then the close). Required.
	Attach func(ws js.Value, in *Inbox, closed <-chan struct{}) (handle int32)
	// Detach is called once when the connection is released; the handler is
	// already removed. Optional.
	Detach func(in *Inbox)
	// Send, when set, sends p (text, UTF-8, or binary) on ws, the socket
	// Attach returned handle for, and returns ws's bufferedAmount after the
	// send; ok is false, and nothing is sent, when the socket is not OPEN. It
	// must not keep p. Nil: the connection calls ws.send itself.
	Send func(handle int32, ws js.Value, typ transport.MessageType, p []byte) (buffered int64, ok bool)
}

// NewDialer returns a transport/jsws Dialer, with its default high-water
// mark, whose connections h carries. Set by transport/jsws in its init (a
// program that calls it links transport/jsws).
var NewDialer func(h *Host) transport.Dialer

// Catch runs f and turns a JavaScript exception (a panic of js.Error) into an
// error; other panics go on.
func Catch(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if jsErr, ok := r.(js.Error); ok {
				err = errors.New("tether: javascript: " + jsErr.Value.Get("message").String())
				return
			}
			panic(r)
		}
	}()
	f()
	return nil
}
