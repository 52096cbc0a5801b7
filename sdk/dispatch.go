package sdk

import (
	"sync"
	"sync/atomic"
)

// dispatcher runs callbacks in order, one at a time, on a goroutine it starts
// when a callback is posted and that ends once none waits: a client without
// callbacks, or between events, costs no goroutine. post never blocks and
// never runs a callback itself, so callers may post while holding locks.
// The zero value is ready to use.
type dispatcher struct {
	mu      sync.Mutex
	queue   []func()
	running bool          // a goroutine is running the queue
	stopped bool          // posts after stop are dropped
	idle    chan struct{} // nil or closed when no goroutine runs; else closed when it ends
	calls   atomic.Uint64 // callbacks started so far
	callNow atomic.Uint64 // the number of the running callback; 0 when none runs
}

func (d *dispatcher) post(f func()) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.stopped {
		return
	}
	d.queue = append(d.queue, f)
	if !d.running {
		d.running, d.idle = true, make(chan struct{})
		go d.run()
	}
}

func (d *dispatcher) run() {
	for f := d.next(); f != nil; f = d.next() {
		d.callNow.Store(d.calls.Add(1))
		f()
		d.callNow.Store(0)
	}
}

// next takes the oldest callback, or ends the goroutine's turn when none waits.
func (d *dispatcher) next() func() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if len(d.queue) == 0 {
		d.running, d.queue = false, nil
		close(d.idle)
		return nil
	}
	f := d.queue[0]
	d.queue[0] = nil
	d.queue = d.queue[1:]
	return f
}

// stop drops later posts. The callbacks already posted still run, in order,
// on the dispatcher's goroutine, which then ends: stop does not wait for them,
// so a callback may close its own client.
func (d *dispatcher) stop() {
	d.mu.Lock()
	d.stopped = true
	d.mu.Unlock()
}

// current returns the number of the running callback, or 0.
func (d *dispatcher) current() uint64 { return d.callNow.Load() }

// waitUnlessStill waits for every callback posted so far to run, unless the
// callback that was running when the caller started (call, from current) is
// still running: the caller may be that callback, which cannot return
// before the caller does. A caller that is not a callback misses the wait
// only while one callback outlasts its whole operation.
func (d *dispatcher) waitUnlessStill(call uint64) {
	if call != 0 && d.current() == call {
		return
	}
	d.wait()
}

// wait returns once every callback posted so far has run. Never call it from
// a callback of the same dispatcher: it would wait for itself.
func (d *dispatcher) wait() {
	d.mu.Lock()
	idle := d.idle
	d.mu.Unlock()
	if idle != nil {
		<-idle
	}
}
