//go:build js && wasm

package main

import (
	"sync"
	"syscall/js"

	"github.com/tetherws/tether/internal/sdkhook"
	"github.com/tetherws/tether/sdk"
	"github.com/tetherws/tether/transport"
)

// setWake is sdkhook.SetWake: the client calls the function after every entry
// it adds to its stream.
var setWake = sdkhook.SetWake.(func(*sdk.Options, func()))

// socket is one TetherSocket: an sdk.Client whose stream (the server's
// messages and the lifecycle events, in order) is translated into a browser
// WebSocket's events.
//
// Goroutines: the client's own, and the socket's delivery goroutine
// (deliverLoop, stream.go), which calls into JavaScript; so does the message
// export, while that goroutine is parked. Both hold delivering while they
// deliver, and only they touch the fields below it. JavaScript calls (send,
// close) take mu briefly and never wait.
type socket struct {
	api    *api
	id     int
	client *sdk.Client
	sink   js.Value
	params *paramsSource // nil unless the url or protocols are functions

	wake    chan struct{} // capacity 1: the stream has a new entry, a flush returned, or JavaScript is to be asked for params
	flushes flushCalls    // TetherSocket.flush() calls (flush.go)

	mu     sync.Mutex
	req    *closeRequest   // set by the first close call
	closed <-chan struct{} // the latest connection's close event; nil once seen (stream.go)

	delivering sync.Mutex
	lost       *closeInfo // how the connection or attempt ended that a reconnecting event follows
	finalClose *closeInfo // how the last connection ended when no reconnect follows
	ended      bool       // the last event was delivered
}

func newSocket(a *api, sink js.Value) *socket {
	return &socket{api: a, sink: sink, wake: make(chan struct{}, 1)}
}

// start creates the client, which starts connecting at once. The url is
// ignored when the page gave a url function (BeforeDial supplies every URL).
func (s *socket) start(url string, cfg config) error {
	opts := cfg.options()
	opts.Dialer = s.api.hosted.dialer(s)
	opts.StreamEvents = true
	setWake(opts, s.notify)
	if cfg.askURL || cfg.askProtocols {
		s.params = newParamsSource(cfg.askURL, cfg.askProtocols)
		opts.BeforeDial = s.beforeDial
	}
	if cfg.askURL {
		url = ""
	}
	c, err := sdk.New(url, opts)
	if err != nil {
		s.params.release()
		return err
	}
	s.client = c
	go s.deliverLoop()
	return nil
}

// notify wakes the delivery goroutine; it never blocks.
func (s *socket) notify() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// send queues m (sdk.Client.Enqueue). After close() it is discarded, as
// browsers discard it; tether.js sends nothing after close() though (it
// calls close only once its own queue is empty), so a status other than
// statusOK means a message given to send while CONNECTING or OPEN did not
// reach the outbox, and is reported in an unsent event.
func (s *socket) send(m transport.Message) int {
	if s.closeRequest() != nil {
		return statusClosed
	}
	if err := s.client.Enqueue(m); err != nil {
		return sendStatus(err)
	}
	return statusOK
}

// close closes the client on a goroutine (Close waits for the close
// handshake). Only the first call counts.
func (s *socket) close(req closeRequest) {
	s.mu.Lock()
	first := s.req == nil
	if first {
		s.req = &req
	}
	s.mu.Unlock()
	if first {
		go func() { _ = s.client.CloseWithStatus(req.wireCode(), req.reason) }()
	}
}

func (s *socket) closeRequest() *closeRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.req
}

// bufferedAmount is what send accepted and the browser has not transmitted
// (sdk.Client.BufferedAmount); tether.js adds what it discarded after close().
func (s *socket) bufferedAmount() int64 {
	return s.client.BufferedAmount()
}

// watch notes the close event of the socket's newest connection (host.go).
func (s *socket) watch(closed <-chan struct{}) {
	s.mu.Lock()
	s.closed = closed
	s.mu.Unlock()
}
