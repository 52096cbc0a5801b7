package sdk

import (
	"context"
	"sync"
	"sync/atomic"
)

// inbox holds received messages for Receive. Readers wait while it is full
// (backpressure on the socket), except for a message already read from a
// connection that is ending, which is always kept: nothing the server sent is
// dropped.
type inbox struct {
	mu     sync.Mutex
	items  []Message
	head   int
	limit  int
	closed bool
	queued atomic.Int32  // lenLocked(), readable without mu: take skips the lock when empty
	ready  chan struct{} // capacity 1: "a message was added"
	space  chan struct{} // capacity 1: "a message was taken"
}

func newInbox(limit int) *inbox {
	return &inbox{limit: limit, ready: make(chan struct{}, 1), space: make(chan struct{}, 1)}
}

// put adds m, waiting for room until stop is closed; then it adds m anyway.
func (q *inbox) put(m Message, stop <-chan struct{}) {
	for {
		q.mu.Lock()
		if q.closed {
			q.mu.Unlock()
			return
		}
		if q.lenLocked() < q.limit {
			q.appendLocked(m)
			q.mu.Unlock()
			notify(q.ready)
			return
		}
		q.mu.Unlock()
		select {
		case <-q.space:
		case <-stop:
			q.force(m)
			return
		}
	}
}

func (q *inbox) force(m Message) {
	q.mu.Lock()
	if !q.closed {
		q.appendLocked(m)
	}
	q.mu.Unlock()
	notify(q.ready)
}

func (q *inbox) appendLocked(m Message) {
	if q.head > 0 && q.head == len(q.items) {
		q.items, q.head = q.items[:0], 0
	}
	q.items = append(q.items, m)
	q.queued.Add(1)
}

func (q *inbox) lenLocked() int { return len(q.items) - q.head }

// len reports how many messages wait unread (heartbeats treat a backlog as life).
func (q *inbox) len() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.lenLocked()
}

// take removes the oldest message, if any. An empty inbox costs no lock (a
// message added concurrently is found by the caller's next look: Receive
// waits on ready, and direct reads look again after taking the read turn).
func (q *inbox) take() (Message, bool) {
	if q.queued.Load() == 0 {
		return Message{}, false
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.lenLocked() == 0 {
		return Message{}, false
	}
	m := q.items[q.head]
	q.items[q.head] = Message{}
	q.head++
	q.queued.Add(-1)
	notify(q.space)
	return m, true
}

// get waits for a message until ctx ends or done is closed (then it still
// returns what is queued first).
func (q *inbox) get(ctx context.Context, done <-chan struct{}) (Message, bool, error) {
	for {
		if m, ok := q.take(); ok {
			return m, true, nil
		}
		select {
		case <-q.ready:
		case <-done:
			m, ok := q.take()
			return m, ok, nil
		case <-ctx.Done():
			return Message{}, false, ctx.Err()
		}
	}
}

func notify(ch chan struct{}) {
	select {
	case ch <- struct{}{}:
	default:
	}
}
