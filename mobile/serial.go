//go:build !js

package mobile

import (
	"sync"
	"sync/atomic"

	"github.com/tetherws/tether/internal/goid"
)

// serial runs tasks one at a time, in the order they were posted, on a
// goroutine that exists only while tasks are waiting: the Listener goroutine.
// post never blocks and never runs a task itself, so it may be called with
// locks held.
type serial struct {
	mu      sync.Mutex
	queue   []func()
	running bool
	idle    chan struct{} // closed when the running goroutine exits
	gid     atomic.Uint64 // the running goroutine's id, 0 when none
	room    chan struct{} // capacity 1: "a task was taken"
}

func newSerial() *serial {
	idle := make(chan struct{})
	close(idle)
	return &serial{idle: idle, room: make(chan struct{}, 1)}
}

func (q *serial) post(f func()) {
	q.mu.Lock()
	q.queue = append(q.queue, f)
	start := !q.running
	if start {
		q.running, q.idle = true, make(chan struct{})
	}
	q.mu.Unlock()
	if start {
		go q.run()
	}
}

func (q *serial) run() {
	q.gid.Store(goid.Current())
	for f := q.next(); f != nil; f = q.next() {
		f()
	}
}

// next takes the oldest task, or ends the goroutine's turn when there is none.
func (q *serial) next() func() {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.queue) == 0 {
		q.running = false
		q.gid.Store(0)
		close(q.idle)
		return nil
	}
	f := q.queue[0]
	q.queue[0] = nil
	q.queue = q.queue[1:]
	notify(q.room)
	return f
}

// pending reports how many tasks wait.
func (q *serial) pending() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.queue)
}

// onQueue reports whether the caller is the goroutine running tasks.
func (q *serial) onQueue() bool {
	id := q.gid.Load()
	return id != 0 && id == goid.Current()
}

// wait returns once no task waits or runs, unless called from a task.
func (q *serial) wait() {
	if q.onQueue() {
		return
	}
	q.mu.Lock()
	idle := q.idle
	q.mu.Unlock()
	<-idle
}

func notify(ch chan struct{}) {
	select {
	case ch <- struct{}{}:
	default:
	}
}
