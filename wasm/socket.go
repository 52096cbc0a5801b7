//go:build js && wasm

package main

import (
	"context"
	"sync"
	"sync/atomic"
	"syscall/js"

	"github.com/tetherws/tether/sdk"
)

// socket is one TetherSocket: an sdk.Client, the events waiting for JavaScript
// and the bookkeeping that makes it behave like a browser WebSocket.
//
// Three goroutines touch it: run (dials, then hands the client over), the
// client's dispatcher (the On* callbacks, which only queue events) and the pump
// (which calls into JavaScript; so does the message export while the pump is
// idle, see pump). JavaScript calls (send, close) take mu briefly and never
// wait.
type socket struct {
	api  *api
	id   int
	url  string
	cfg  config
	sink js.Value

	ctl   control
	acct  accounting
	conns connTracker

	discarded  atomic.Int64  // bytes of later sends that arrived after close
	closedSeen chan struct{} // closed once the Closed state event is queued
	closedOnce sync.Once

	mu         sync.Mutex
	client     *sdk.Client   // nil until Dial returns
	pre        []sdk.Message // sent before Dial returned, in order
	req        *closeRequest // set by the first close call
	dialCancel context.CancelFunc
	dialErr    error
	lost       *closeInfo // how the connection or attempt ended that a reconnecting event follows
	finalClose *closeInfo // how the last connection ended when no reconnect follows

	params *paramsSource // nil unless the url or protocols are functions

	hosted   bool          // bridge.js carries the connections' messages (see pump)
	wake     chan struct{} // capacity 1: the message export asks the idle pump to read
	pumpIdle atomic.Bool   // the pump is parked in idle
	pumpStop bool          // owned by the pump goroutine
}

func newSocket(a *api, url string, cfg config, sink js.Value) *socket {
	s := &socket{api: a, url: url, cfg: cfg, sink: sink, closedSeen: make(chan struct{}), wake: make(chan struct{}, 1)}
	s.ctl.init()
	if cfg.askURL || cfg.askProtocols {
		s.params = newParamsSource(cfg.askURL, cfg.askProtocols)
	}
	if cfg.askURL {
		s.url = placeholderURL
	}
	return s
}

// start dials on a goroutine and starts the pump. It returns at once.
func (s *socket) start() {
	opts := s.cfg.options()
	s.hook(opts)
	ctx, cancel := context.WithCancel(context.Background())
	s.dialCancel = cancel
	go s.pump()
	go s.run(ctx, opts)
}

// run dials; the client exists only once Dial returns (after the first open).
func (s *socket) run(ctx context.Context, opts *sdk.Options) {
	c, err := sdk.Dial(ctx, s.url, opts)
	s.dialCancel()
	if err != nil {
		s.dialFailed(err)
		return
	}
	s.mu.Lock()
	s.client = c
	pre := s.pre
	s.pre = nil
	var refused []sdk.Message
	for _, m := range pre {
		if err := c.Enqueue(m); err != nil {
			s.acct.forget(m.Data)
			refused = append(refused, m)
		}
	}
	req := s.req
	s.mu.Unlock()
	if len(refused) > 0 {
		s.queueUnsent(refused, "tether: outbox full: message refused")
	}
	if req != nil {
		_ = c.CloseWithStatus(req.wireCode(), req.reason)
	}
	s.ctl.push(func() {}) // wake the pump: it can Receive now
}

// dialFailed ends a socket that never opened (or was closed while connecting).
func (s *socket) dialFailed(err error) {
	s.mu.Lock()
	s.dialErr = err
	pre := s.pre
	s.pre = nil
	s.mu.Unlock()
	for _, m := range pre {
		s.acct.forget(m.Data)
	}
	if len(pre) > 0 {
		s.queueUnsent(pre, errText(err))
	}
	s.ctl.push(func() {
		s.emitFinal()
		s.pumpStop = true
	})
}

func (s *socket) getClient() *sdk.Client {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.client
}

func (s *socket) withClient(f func(c *sdk.Client)) {
	if c := s.getClient(); c != nil {
		f(c)
	}
}

// send queues m: in the client's outbox, or before Dial returned in pre.
func (s *socket) send(m sdk.Message) int {
	s.mu.Lock()
	if s.req != nil || s.dialErr != nil {
		s.mu.Unlock()
		return statusClosed
	}
	c := s.client
	if c == nil {
		s.pre = append(s.pre, m)
		s.acct.add(m.Data)
		s.mu.Unlock()
		return statusOK
	}
	s.mu.Unlock()
	s.acct.add(m.Data)
	if err := c.Enqueue(m); err != nil {
		s.acct.forget(m.Data)
		return sendStatus(err)
	}
	return statusOK
}

// close starts closing: it cancels Dial if no client exists yet, else closes
// the client on a goroutine. Only the first call counts.
func (s *socket) close(req closeRequest) {
	s.mu.Lock()
	if s.req != nil {
		s.mu.Unlock()
		return
	}
	s.req = &req
	c := s.client
	s.mu.Unlock()
	if c == nil {
		s.dialCancel() // run sees req if Dial succeeded meanwhile
		return
	}
	go func() { _ = c.CloseWithStatus(req.wireCode(), req.reason) }()
}

// bufferedAmount is what send accepted and the browser has not transmitted:
// bytes not yet handed to WebSocket.send plus the browser's own count.
func (s *socket) bufferedAmount() int64 {
	return s.acct.bytes() + s.conns.buffered() + s.discarded.Load()
}

// hook installs the dialer and the callbacks that feed the pump.
func (s *socket) hook(o *sdk.Options) {
	inner := s.api.hosted.dialer(s)
	s.hosted = inner.Host != nil
	o.Dialer = &gatedDialer{inner: inner, conns: &s.conns, acct: &s.acct}
	o.BeforeDial = s.beforeDial
	o.OnStateChange = s.onStateChange
	o.OnOpen = s.onOpen
	o.OnClose = s.onClose
	o.OnReconnecting = s.onReconnecting
	o.OnHeartbeat = s.onHeartbeat
	o.OnUnsent = s.onUnsent
}

// onStateChange queues the state event. An attempt that failed with a retry
// to follow (Connecting → Reconnecting) is reported first: error, then close.
func (s *socket) onStateChange(ev sdk.StateChangeEvent) {
	from, to := int(ev.From), int(ev.To)
	if ev.From == sdk.Connecting && ev.To == sdk.Reconnecting {
		info := failedAttempt(ev.Cause)
		s.setLost(info)
		s.queueCloseRetry(info, true)
	}
	s.ctl.push(func() { s.emit(kindState, from, to) })
	switch ev.To {
	case sdk.Connecting:
		if s.params != nil {
			s.params.connectingQueued()
		}
	case sdk.Closed:
		s.closedOnce.Do(func() { close(s.closedSeen) })
	}
}

func (s *socket) setLost(info closeInfo) {
	s.mu.Lock()
	s.lost = &info
	s.mu.Unlock()
}

func (s *socket) onOpen(ev sdk.OpenEvent) {
	s.ctl.push(func() {
		s.emit(kindOpen, ev.Subprotocol, ev.Reconnect, ev.Attempt)
		s.conns.release(ev.Attempt) // the connection's messages may flow now
	})
}

// onClose reports the end of an open connection: at once when a reconnect
// follows, else as the socket's last event (emitFinal).
func (s *socket) onClose(ev sdk.CloseEvent) {
	info := closeInfoOf(ev)
	if ev.Final {
		s.mu.Lock()
		s.finalClose = &info
		s.mu.Unlock()
		return
	}
	s.setLost(info)
	s.queueCloseRetry(info, false)
}

func (s *socket) onReconnecting(ev sdk.ReconnectingEvent) {
	info := failedAttempt(ev.Cause)
	s.mu.Lock()
	if s.lost != nil {
		info = *s.lost
	}
	s.lost = nil
	s.mu.Unlock()
	s.ctl.push(func() {
		s.emit(kindReconnecting, ev.Attempt, millis(ev.Delay), info.code, info.reason, info.clean, info.message)
	})
}

func (s *socket) onHeartbeat(ev sdk.HeartbeatEvent) {
	s.ctl.push(func() { s.emit(kindHeartbeat, millis(ev.RTT), millis(ev.Smoothed)) })
}

func (s *socket) onUnsent(ev sdk.UnsentEvent) {
	s.acct.drop(ev.Messages)
	s.queueUnsent(ev.Messages, errText(ev.Err))
}

func (s *socket) queueUnsent(msgs []sdk.Message, reason string) {
	s.ctl.push(func() { s.emitUnsent(msgs, reason) })
}
