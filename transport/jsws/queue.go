//go:build js && wasm

package jsws

import (
	"context"
	"sync"

	"github.com/tetherws/tether/transport"
)

type message struct {
	typ  transport.MessageType
	data []byte
}

// queue is an unbounded FIFO filled from JavaScript callbacks, which must never
// block, and drained by the single reader. Browsers offer no receive
// backpressure, so bounding it would mean dropping messages.
type queue struct {
	mu     sync.Mutex
	items  []message
	err    error         // set once; returned after the items are drained
	notify chan struct{} // capacity 1: "something changed"
}

func (q *queue) init() { q.notify = make(chan struct{}, 1) }

func (q *queue) push(m message) {
	q.mu.Lock()
	if q.err == nil {
		q.items = append(q.items, m)
	}
	q.mu.Unlock()
	q.wake()
}

// fail records the terminal error; the first one wins.
func (q *queue) fail(err error) {
	q.mu.Lock()
	if q.err == nil {
		q.err = err
	}
	q.mu.Unlock()
	q.wake()
}

func (q *queue) wake() {
	select {
	case q.notify <- struct{}{}:
	default:
	}
}

func (q *queue) pop(ctx context.Context) (message, error) {
	for {
		if m, err, ok := q.take(); ok {
			return m, err
		}
		select {
		case <-q.notify:
		case <-ctx.Done():
			return message{}, ctx.Err()
		}
	}
}

func (q *queue) take() (message, error, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.items) > 0 {
		m := q.items[0]
		q.items[0] = message{}
		q.items = q.items[1:]
		return m, nil, true
	}
	if q.err != nil {
		return message{}, q.err, true
	}
	return message{}, nil, false
}
