//go:build js && wasm

package jsws

import (
	"github.com/tetherws/tether/internal/jshost"
	"github.com/tetherws/tether/transport"
)

// The browser shim (package wasm) carries messages through its own
// JavaScript and wasm exports instead of js.FuncOf: it gets its Dialer from
// jshost.NewDialer, and hands messages to the connection's jshost.Inbox.
func init() {
	jshost.NewDialer = func(h *jshost.Host) transport.Dialer { return &Dialer{host: h} }
}

// hostSend sends p through Host.Send; ok is false when the socket is not OPEN.
func (c *conn) hostSend(typ transport.MessageType, p []byte) (ok bool) {
	ba, ok := c.host.Send(c.hostHandle, c.ws, typ, p)
	if ok {
		c.sentBuffered.Store(ba)
	}
	return ok
}
