//go:build js && wasm

package main

import (
	"context"
	"sync"
	"syscall/js"
)

// Send statuses returned to JavaScript.
const (
	statusOK      = 0
	statusClosed  = 1 // the socket is closing or closed: the message is not queued
	statusFull    = 2 // the outbox is full: the message is refused
	statusInvalid = 3 // invalid message (text that is not UTF-8 cannot happen from JS)
	statusUnknown = 4 // no socket with this id (it has closed)
)

// api is the table of live sockets and the functions exported to JavaScript.
// Every exported function returns without blocking.
type api struct {
	mu      sync.Mutex
	sockets map[int]*socket
	nextID  int
	funcs   []js.Func
	done    context.Context // already cancelled: makes Next a non-blocking poll

	hosted hostConns
	frames []byte // see frames.go
}

func newAPI() *api {
	done, cancel := context.WithCancel(context.Background())
	cancel()
	return &api{sockets: map[int]*socket{}, done: done}
}

// object builds the JavaScript object holding the exported functions.
func (a *api) object() js.Value {
	o := js.Global().Get("Object").New()
	a.export(o, "open", a.open)
	a.export(o, "setHost", a.setHost)
	a.export(o, "close", a.close)
	a.export(o, "probe", a.probe)
	a.export(o, "reconnectNow", a.reconnectNow)
	a.export(o, "flush", a.flush)
	a.export(o, "cancelFlush", a.cancelFlush)
	o.Set("version", version)
	return o
}

// version identifies the JS/wasm protocol; tether.js checks it.
const version = 6

func (a *api) export(o js.Value, name string, f func(args []js.Value) any) {
	fn := js.FuncOf(func(_ js.Value, args []js.Value) any { return f(args) })
	a.funcs = append(a.funcs, fn) // kept for the life of the page
	o.Set(name, fn)
}

func (a *api) add(s *socket) int {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.nextID++
	s.id = a.nextID
	a.sockets[s.id] = s
	return s.id
}

func (a *api) remove(id int) {
	a.mu.Lock()
	delete(a.sockets, id)
	a.mu.Unlock()
}

// get returns the socket whose id is the first argument, or nil.
func (a *api) get(args []js.Value) *socket {
	if len(args) == 0 || args[0].Type() != js.TypeNumber {
		return nil
	}
	return a.byID(args[0].Int())
}

func (a *api) byID(id int) *socket {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.sockets[id]
}

// open(url, protocols, options, sink) starts a socket; see the package doc.
func (a *api) open(args []js.Value) any {
	if len(args) < 4 || args[0].Type() != js.TypeString || args[3].Type() != js.TypeFunction {
		return "tether: open(url, protocols, options, sink): bad arguments"
	}
	if !a.hosted.ready() {
		return "tether: open: setHost was not called"
	}
	cfg, err := parseConfig(args[1], args[2])
	if err != nil {
		return err.Error()
	}
	s := newSocket(a, args[3])
	id := a.add(s) // before the client exists: its connections carry the id
	if err := s.start(args[0].String(), cfg); err != nil {
		a.remove(id)
		return errText(err)
	}
	return id
}

// close(id, code, reason, abort): code -1 means none was given.
func (a *api) close(args []js.Value) any {
	s := a.get(args)
	if s == nil || len(args) < 4 {
		return nil
	}
	s.close(closeRequest{code: args[1].Int(), reason: args[2].String(), abort: args[3].Truthy()})
	return nil
}

func (a *api) probe(args []js.Value) any {
	if s := a.get(args); s != nil {
		s.client.Probe()
	}
	return nil
}

func (a *api) reconnectNow(args []js.Value) any {
	if s := a.get(args); s != nil {
		s.client.ReconnectNow()
	}
	return nil
}
