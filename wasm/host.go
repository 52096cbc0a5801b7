//go:build js && wasm

package main

import (
	"sync"
	"syscall/js"

	"github.com/tetherws/tether/transport/jsws"
)

// hostConns carries the browser WebSockets' messages through the page's
// JavaScript (web/src/bridge.js) instead of js.FuncOf callbacks: bridge.js
// installs each socket's onmessage, which copies the message into Go's memory
// and calls the tether_message export with the connection's id here (see
// jsws.Host). Exports run on whatever goroutine JavaScript interrupted; they
// only queue and never block.
type hostConns struct {
	mu     sync.Mutex
	conns  map[int32]*jsws.Conn
	ids    map[*jsws.Conn]int32
	nextID int32
	attach js.Value // attach(ws, id)
	host   *jsws.Host
}

// setHost(host) registers bridge.js's functions, attach(ws, id) and
// send(ws, kind, addr, n) (see jsws.Host), and returns the frame buffer's
// address and size (frames.go).
func (a *api) setHost(args []js.Value) any {
	if len(args) == 0 || args[0].Type() != js.TypeObject {
		return nil
	}
	h := &a.hosted
	h.mu.Lock()
	h.conns, h.ids = map[int32]*jsws.Conn{}, map[*jsws.Conn]int32{}
	h.attach = args[0].Get("attach")
	h.host = &jsws.Host{Attach: h.add, Detach: h.remove, Send: args[0].Get("send")}
	h.mu.Unlock()
	addr, size := a.frameBuffer()
	return []any{float64(addr), size}
}

// dialer returns the transport for a new socket: jsws, hosted once bridge.js
// called setHost.
func (h *hostConns) dialer() *jsws.Dialer {
	h.mu.Lock()
	defer h.mu.Unlock()
	return &jsws.Dialer{Host: h.host}
}

func (h *hostConns) add(ws js.Value, c *jsws.Conn) {
	h.mu.Lock()
	h.nextID++
	id := h.nextID
	h.conns[id], h.ids[c] = c, id
	h.mu.Unlock()
	h.attach.Invoke(ws, id)
}

func (h *hostConns) remove(c *jsws.Conn) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.conns, h.ids[c])
	delete(h.ids, c)
}

func (h *hostConns) get(id int32) *jsws.Conn {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.conns[id]
}
