//go:build js && wasm

package main

import (
	"runtime"
	"sync"
	"syscall/js"

	"github.com/tetherws/tether/internal/jshost"
	"github.com/tetherws/tether/transport"
	_ "github.com/tetherws/tether/transport/jsws" // sets jshost.NewDialer
)

// hostConns carries the browser WebSockets' messages through the page's
// JavaScript (web/src/bridge.js) instead of js.FuncOf callbacks: bridge.js
// installs each socket's onmessage, which copies the message into Go's memory
// and calls the tether_message export with the connection's id here, and Go
// sends through the imported function importSend (see jshost.Host). Exports run
// on whatever goroutine JavaScript interrupted and never block (exports.go).
type hostConns struct {
	mu     sync.Mutex
	conns  map[int32]hostedConn
	ids    map[*jshost.Inbox]int32
	nextID int32
	attach js.Value // attach(ws, id); undefined until setHost
	detach js.Value // detach(id)
}

// hostedConn is a browser connection's inbox and the socket it belongs to.
type hostedConn struct {
	inbox *jshost.Inbox
	owner *socket
}

// setHost(host) registers bridge.js's functions attach(ws, id) and
// detach(id), and returns the frame buffer's address and size (frames.go).
func (a *api) setHost(args []js.Value) any {
	if len(args) == 0 || args[0].Type() != js.TypeObject {
		return nil
	}
	h := &a.hosted
	h.mu.Lock()
	h.conns, h.ids = map[int32]hostedConn{}, map[*jshost.Inbox]int32{}
	h.attach, h.detach = args[0].Get("attach"), args[0].Get("detach")
	h.mu.Unlock()
	addr, size := a.frameBuffer()
	return []any{float64(addr), size}
}

// ready reports whether bridge.js has called setHost: sockets are opened only
// after (their messages come through the export, stream.go).
func (h *hostConns) ready() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.conns != nil
}

// dialer returns owner's transport: transport/jsws, hosted by bridge.js.
func (h *hostConns) dialer(owner *socket) transport.Dialer {
	attach := func(ws js.Value, c *jshost.Inbox, closed <-chan struct{}) int32 {
		return h.add(ws, c, closed, owner)
	}
	return jshost.NewDialer(&jshost.Host{Attach: attach, Detach: h.remove, Send: hostSend})
}

func (h *hostConns) add(ws js.Value, c *jshost.Inbox, closed <-chan struct{}, owner *socket) int32 {
	h.mu.Lock()
	h.nextID++
	id := h.nextID
	h.conns[id], h.ids[c] = hostedConn{inbox: c, owner: owner}, id
	h.mu.Unlock()
	owner.watch(closed)
	h.attach.Invoke(ws, id)
	return id
}

func (h *hostConns) remove(c *jshost.Inbox) {
	h.mu.Lock()
	id, ok := h.ids[c]
	delete(h.conns, id)
	delete(h.ids, c)
	h.mu.Unlock()
	if ok && h.detach.Type() == js.TypeFunction {
		h.detach.Invoke(id)
	}
}

func (h *hostConns) get(id int32) (hostedConn, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	hc, ok := h.conns[id]
	return hc, ok
}

// hostSend is jshost.Host.Send: bridge.js sends p on connection conn's
// WebSocket, reading it straight from Go's memory.
func hostSend(conn int32, _ js.Value, typ transport.MessageType, p []byte) (int64, bool) {
	ba := importSend(conn, int32(typ), addrOf(p), int32(len(p)))
	runtime.KeepAlive(p)
	if ba < 0 {
		return 0, false
	}
	return int64(ba), true
}
