//go:build js && wasm

package jshost

import (
	"context"
	"sync"
	"syscall/js"

	"github.com/tetherws/tether/internal/errfmt"
	"github.com/tetherws/tether/internal/wserr"
	"github.com/tetherws/tether/transport"
)

// Inbox holds a connection's received messages: an unbounded FIFO filled
// from JavaScript callbacks or wasm exports, which must never block, and
// drained by the single reader. Browsers offer no receive backpressure, so
// bounding it would mean dropping messages; the read limit bounds each
// message instead. Call Init before use.
type Inbox struct {
	ws    js.Value // closed with 1009 when a message exceeds limit
	limit int64    // 0: none

	mu     sync.Mutex
	items  []transport.Message
	err    error         // set once; returned after the items are drained
	notify chan struct{} // capacity 1: "something changed"
}

// Init prepares the inbox of ws, whose messages may be at most limit bytes
// (0: no limit).
func (in *Inbox) Init(ws js.Value, limit int64) {
	in.ws, in.limit = ws, limit
	in.notify = make(chan struct{}, 1)
}

// Deliver queues one received message, as the browser's message event
// would, or fails the connection (1009) when it exceeds the read limit. It
// never blocks, and the inbox keeps data.
func (in *Inbox) Deliver(typ transport.MessageType, data []byte) {
	if in.limit > 0 && int64(len(data)) > in.limit {
		in.tooBig(len(data))
		return
	}
	in.mu.Lock()
	if in.err == nil {
		in.items = append(in.items, transport.Message{Type: typ, Data: data})
	}
	in.mu.Unlock()
	in.wake()
}

func (in *Inbox) tooBig(n int) {
	in.Fail(errfmt.Errorf("%w: %w", wserr.ErrMessageTooBig,
		&transport.CloseError{Code: transport.StatusMessageTooBig, Reason: errfmt.Sprintf("message of %d bytes exceeds the read limit of %d", n, in.limit)}))
	_ = Catch(func() { in.ws.Call("close", transport.StatusMessageTooBig, "message too big") })
}

// Fail records the terminal error, which Pop returns once the queued
// messages are drained; the first one wins.
func (in *Inbox) Fail(err error) {
	in.mu.Lock()
	if in.err == nil {
		in.err = err
	}
	in.mu.Unlock()
	in.wake()
}

func (in *Inbox) wake() {
	select {
	case in.notify <- struct{}{}:
	default:
	}
}

// Pop returns the next message, or the terminal error once none is left, or
// ctx's error (taking nothing) when ctx ends first.
func (in *Inbox) Pop(ctx context.Context) (transport.Message, error) {
	for {
		if m, err, ok := in.take(); ok {
			return m, err
		}
		select {
		case <-in.notify:
		case <-ctx.Done():
			return transport.Message{}, ctx.Err()
		}
	}
}

func (in *Inbox) take() (transport.Message, error, bool) {
	in.mu.Lock()
	defer in.mu.Unlock()
	if len(in.items) > 0 {
		m := in.items[0]
		in.items[0] = transport.Message{}
		in.items = in.items[1:]
		return m, nil, true
	}
	if in.err != nil {
		return transport.Message{}, in.err, true
	}
	return transport.Message{}, nil, false
}
