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
//  1. the hook (on the client's supervisor goroutine) records the request and
//     wakes the socket's delivery goroutine, which delivers the entries ready
//     in the stream (the attempt's statechange to connecting among them),
//     then emits a kindParams event: the functions run after every event of
//     the previous attempt, in order, never inside a js.FuncOf call;
//  2. TetherSocket calls the functions and answers through reply, always
//     from a promise's settlement (a later task, at top level);
//  3. reply, a js.FuncOf, only hands the answer to the waiting hook through
//     a channel and returns.
//
// The hook's context (the attempt's connect timeout, or Close) bounds the
// wait. A late answer, for an attempt given up, is dropped. bridge.js stops
// calling reply once the socket's last event was delivered, after which the
// delivery goroutine releases it. The sdk's first BeforeDial gets URL "" when
// the url is a function (sdk.New was given none).

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

	mu      sync.Mutex
	waiting int // the attempt whose answer the hook waits for; 0: none
	asked   int // the attempt to ask JavaScript about; 0: none (taken by requested)
}

func newParamsSource(askURL, askProtocols bool) *paramsSource {
	p := &paramsSource{askURL: askURL, askProtocols: askProtocols, answers: make(chan paramsAnswer, 1)}
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

// requested returns the attempt JavaScript is to be asked about, once; 0
// when none (or p is nil).
func (p *paramsSource) requested() int {
	if p == nil {
		return 0
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	n := p.asked
	p.asked = 0
	return n
}

// ask records a request for attempt, calls notify (which wakes the delivery
// goroutine) and waits for the answer, or the end of ctx.
func (p *paramsSource) ask(ctx context.Context, attempt int, notify func()) (paramsAnswer, error) {
	p.mu.Lock()
	p.waiting, p.asked = attempt, attempt
	select {
	case <-p.answers: // a stale answer
	default:
	}
	p.mu.Unlock()
	notify()
	select {
	case a := <-p.answers:
		return a, a.err
	case <-ctx.Done():
		p.mu.Lock()
		p.waiting, p.asked = 0, 0
		p.mu.Unlock()
		return paramsAnswer{}, p.unanswered(ctx)
	}
}

func (p *paramsSource) unanswered(ctx context.Context) error {
	return &paramsError{msg: "tether: the url or protocols function did not settle within the connect timeout", err: ctx.Err()}
}

// beforeDial is the sdk's BeforeDial hook: it asks the page's functions for
// the attempt's parameters.
func (s *socket) beforeDial(ctx context.Context, attempt int, p sdk.DialParams) (sdk.DialParams, error) {
	src := s.params
	a, err := src.ask(ctx, attempt, s.notify)
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
