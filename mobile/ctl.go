//go:build !js

package mobile

import (
	"context"
	"sync"
)

// ctlQueue carries the SDK's events from its callback goroutine to the
// session's merge goroutine. push never blocks, and it interrupts a Receive the
// merge goroutine is waiting in, so events are handled at once.
type ctlQueue struct {
	mu     sync.Mutex
	events []any
	cancel context.CancelFunc // ends the pending Receive, if any
	wake   chan struct{}      // capacity 1: "an event was pushed"
}

func newCtlQueue() *ctlQueue { return &ctlQueue{wake: make(chan struct{}, 1)} }

func (q *ctlQueue) push(ev any) {
	q.mu.Lock()
	q.events = append(q.events, ev)
	if q.cancel != nil {
		q.cancel()
		q.cancel = nil
	}
	q.mu.Unlock()
	notify(q.wake)
}

func (q *ctlQueue) take() []any {
	q.mu.Lock()
	defer q.mu.Unlock()
	evs := q.events
	q.events = nil
	return evs
}

// receiveContext returns the context for one Receive, which the next push
// cancels; ok is false when events already wait.
func (q *ctlQueue) receiveContext() (ctx context.Context, cancel context.CancelFunc, ok bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.events) > 0 {
		return nil, nil, false
	}
	ctx, cancel = context.WithCancel(context.Background())
	q.cancel = cancel
	return ctx, cancel, true
}

// received releases the context of a finished Receive.
func (q *ctlQueue) received(cancel context.CancelFunc) {
	q.mu.Lock()
	q.cancel = nil
	q.mu.Unlock()
	cancel()
}
