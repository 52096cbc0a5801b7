//go:build js && wasm

package main

import (
	"context"
	"sync"
	"syscall/js"

	"github.com/tetherws/tether/sdk"
)

// Per-attempt parameters: TetherSocket's url and protocols arguments may be
// functions (sync or async), called before every connection attempt. The
// sdk's BeforeDial hook asks JavaScript for them and waits:
//
//  1. the hook (on the client's supervisor goroutine) waits until the
//     attempt's statechange to connecting was queued for the pump (the sdk
//     posts events through its dispatcher, which may lag behind the
//     supervisor), then queues a kindParams event: the functions run after
//     every event of the previous attempt, in order, never inside a
//     js.FuncOf call;
//  2. TetherSocket calls the functions and answers through reply, always
//     from a promise's settlement (a later task, at top level);
//  3. reply, a js.FuncOf, only hands the answer to the waiting hook through
//     a channel and returns.
//
// The hook's context (the attempt's connect timeout, or Close) bounds the
// wait. A late answer, for an attempt given up, is dropped. bridge.js stops
// calling reply once the socket's last event was delivered, after which the
// pump releases it.

// placeholderURL stands in for the URL of a socket whose url is a function:
// sdk.Dial checks a URL before any attempt, and BeforeDial replaces it
// before every dial. Reserved (RFC 2606): it never resolves.
const placeholderURL = "ws://url-function.invalid/"

// paramsError is a failure of the url or protocols function; the reconnect
// policy retries it like a failed dial.
type paramsError struct {
	msg string
	err error // the context's error when the answer never came
}

func (e *paramsError) Error() string { return e.msg }
func (e *paramsError) Unwrap() error { return e.err }

// paramsAnswer is what the functions returned for one attempt.
type paramsAnswer struct {
	attempt   int
	url       string   // "" when the url is not a function
	protocols []string // nil when protocols is not a function
	err       error
}

// paramsSource asks JavaScript for each attempt's URL and subprotocols.
type paramsSource struct {
	askURL, askProtocols bool
	reply                js.Func
	answers              chan paramsAnswer // capacity 1

	mu         sync.Mutex
	waiting    int           // the attempt whose answer the hook waits for; 0: none
	connecting int           // statechanges to Connecting queued for the pump
	queued     chan struct{} // closed (and replaced) when connecting grows
}

func newParamsSource(askURL, askProtocols bool) *paramsSource {
	p := &paramsSource{askURL: askURL, askProtocols: askProtocols,
		answers: make(chan paramsAnswer, 1), queued: make(chan struct{})}
	p.reply = js.FuncOf(func(_ js.Value, args []js.Value) any {
		p.deliver(readAnswer(args))
		return nil
	})
	return p
}

// readAnswer reads reply(attempt, true, url, protocols) or
// reply(attempt, false, message).
func readAnswer(args []js.Value) paramsAnswer {
	if len(args) < 3 || args[0].Type() != js.TypeNumber {
		return paramsAnswer{}
	}
	a := paramsAnswer{attempt: args[0].Int()}
	if !args[1].Truthy() {
		a.err = &paramsError{msg: args[2].String()}
		return a
	}
	if args[2].Type() == js.TypeString {
		a.url = args[2].String()
	}
	if len(args) > 3 {
		list, err := stringList(args[3])
		if err != nil {
			a.err = &paramsError{msg: "tether: the protocols function returned an invalid subprotocol list"}
		}
		a.protocols = list
	}
	return a
}

// deliver hands an answer to the hook if it waits for it; it never blocks.
func (p *paramsSource) deliver(a paramsAnswer) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if a.attempt == 0 || a.attempt != p.waiting {
		return // late: that attempt was given up
	}
	p.waiting = 0
	select {
	case p.answers <- a:
	default:
	}
}

// connectingQueued notes that a statechange to Connecting was queued for the
// pump. The sdk moves to Connecting once per attempt, before BeforeDial, so
// attempt n may ask once n of them were queued.
func (p *paramsSource) connectingQueued() {
	p.mu.Lock()
	p.connecting++
	close(p.queued)
	p.queued = make(chan struct{})
	p.mu.Unlock()
}

// afterConnecting waits until attempt's statechange to Connecting was queued.
func (p *paramsSource) afterConnecting(ctx context.Context, attempt int) bool {
	for {
		p.mu.Lock()
		n, ch := p.connecting, p.queued
		p.mu.Unlock()
		if n >= attempt {
			return true
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return false
		}
	}
}

// ask runs post (which queues the request for JavaScript) once attempt's
// earlier events are queued, and waits for the answer, or the end of ctx.
func (p *paramsSource) ask(ctx context.Context, attempt int, post func()) (paramsAnswer, error) {
	if !p.afterConnecting(ctx, attempt) {
		return paramsAnswer{}, p.unanswered(ctx)
	}
	p.mu.Lock()
	p.waiting = attempt
	select {
	case <-p.answers: // a stale answer
	default:
	}
	p.mu.Unlock()
	post()
	select {
	case a := <-p.answers:
		return a, a.err
	case <-ctx.Done():
		p.mu.Lock()
		p.waiting = 0
		p.mu.Unlock()
		return paramsAnswer{}, p.unanswered(ctx)
	}
}

func (p *paramsSource) unanswered(ctx context.Context) error {
	return &paramsError{msg: "tether: the url or protocols function did not settle within the connect timeout", err: ctx.Err()}
}

// beforeDial is the sdk's BeforeDial hook: it notes the attempt for the
// dialer and, when the page gave functions, asks them for the parameters.
func (s *socket) beforeDial(ctx context.Context, attempt int, p sdk.DialParams) (sdk.DialParams, error) {
	s.conns.setAttempt(attempt) // read by the dialer, on the same goroutine
	src := s.params
	if src == nil {
		return p, nil
	}
	a, err := src.ask(ctx, attempt, func() {
		s.ctl.push(func() { s.emit(kindParams, attempt, src.reply) })
	})
	if err != nil {
		return p, err
	}
	if src.askURL {
		p.URL = a.url
	}
	if src.askProtocols {
		p.Subprotocols = a.protocols
	}
	return p, nil
}

// release frees reply once the socket has ended (bridge.js no longer calls it).
func (p *paramsSource) release() {
	if p != nil {
		p.reply.Release()
	}
}
