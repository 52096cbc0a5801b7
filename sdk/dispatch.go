package sdk

import (
	"sync"
	"sync/atomic"

	"github.com/tetherws/tether/internal/goid"
)

// dispatcher runs callbacks in order on one goroutine that it owns. post never
// blocks (the queue is unbounded) and never runs a callback itself, so callers may
// post while holding locks.
type dispatcher struct {
	mu      sync.Mutex
	queue   []func()
	stopped bool
	wake    chan struct{}
	done    chan struct{}
	gid     atomic.Uint64
}

func newDispatcher() *dispatcher {
	d := &dispatcher{wake: make(chan struct{}, 1), done: make(chan struct{})}
	go d.loop()
	return d
}

func (d *dispatcher) post(f func()) {
	d.mu.Lock()
	if !d.stopped {
		d.queue = append(d.queue, f)
	}
	d.mu.Unlock()
	select {
	case d.wake <- struct{}{}:
	default:
	}
}

func (d *dispatcher) loop() {
	defer close(d.done)
	d.gid.Store(goid.Current())
	for {
		batch, stopped := d.take()
		for i, f := range batch {
			f()
			batch[i] = nil
		}
		if stopped && len(batch) == 0 {
			return
		}
		if len(batch) == 0 {
			<-d.wake
		}
	}
}

func (d *dispatcher) take() ([]func(), bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	batch := d.queue
	d.queue = nil
	return batch, d.stopped
}

// stop lets the queued callbacks run, then ends the goroutine. It waits for that
// unless called from a callback (which would wait for itself).
func (d *dispatcher) stop() {
	d.mu.Lock()
	d.stopped = true
	d.mu.Unlock()
	select {
	case d.wake <- struct{}{}:
	default:
	}
	if goid.Current() != d.gid.Load() {
		<-d.done
	}
}
