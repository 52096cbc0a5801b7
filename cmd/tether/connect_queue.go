//go:build !js

package main

import (
	"context"
	"sync"
)

// lifecycle is one SDK event, printed by the merge goroutine.
type lifecycle struct {
	print func()
	ends  bool // a connection's close: its messages print first
}

// eventQueue carries the SDK's events from its callback goroutine to the
// merge goroutine. push never blocks, and it interrupts the Receive the merge
// goroutine waits in, so an event prints as soon as it happened.
type eventQueue struct {
	mu      sync.Mutex
	pending []lifecycle
	cancel  context.CancelFunc // ends the pending Receive, if any
	wake    chan struct{}      // capacity 1: "an event was pushed"
}

func newEventQueue() *eventQueue { return &eventQueue{wake: make(chan struct{}, 1)} }

func (q *eventQueue) push(ev lifecycle) {
	q.mu.Lock()
	q.pending = append(q.pending, ev)
	if q.cancel != nil {
		q.cancel()
		q.cancel = nil
	}
	q.mu.Unlock()
	notify(q.wake)
}

func (q *eventQueue) take() []lifecycle {
	q.mu.Lock()
	defer q.mu.Unlock()
	evs := q.pending
	q.pending = nil
	return evs
}

// receiveContext returns the context for one Receive, which the next push
// cancels; ok is false when events already wait.
func (q *eventQueue) receiveContext(parent context.Context) (ctx context.Context, cancel context.CancelFunc, ok bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.pending) > 0 {
		return nil, nil, false
	}
	ctx, cancel = context.WithCancel(parent)
	q.cancel = cancel
	return ctx, cancel, true
}

// received releases the context of a finished Receive.
func (q *eventQueue) received(cancel context.CancelFunc) {
	q.mu.Lock()
	q.cancel = nil
	q.mu.Unlock()
	cancel()
}

// queued returns a callback that queues f(ev) for the merge goroutine.
func queued[E any](q *eventQueue, ends bool, f func(E)) func(E) {
	return func(ev E) { q.push(lifecycle{ends: ends, print: func() { f(ev) }}) }
}
