package sdk

import (
	"context"
	"sync"
	"sync/atomic"

	"github.com/tetherws/tether/transport"
)

// Item states: a queued item may be cancelled by its sender or taken by the
// flusher, never both.
const (
	itemQueued int32 = iota
	itemTaken
	itemCancelled
)

// pending is one message waiting in the outbox.
type pending struct {
	msg    transport.Message
	acc    uint64          // the client's acceptance number (Flush)
	owned  bool            // msg.Data belongs to the client: no copy is needed to keep it
	maybe  bool            // re-queued unconfirmed: an earlier connection may have delivered it
	ctx    context.Context // the waiting sender's context; nil for Enqueue'd items
	state  atomic.Int32
	result chan error // capacity 1; nil for Enqueue'd items (no waiter)
	fails  int        // connections that broke while writing it; flusher only
}

func (p *pending) resolve(err error) {
	if p.result != nil {
		p.result <- err
	}
}

// outbox is a bounded FIFO of messages waiting for an open connection. It is safe
// for concurrent use.
type outbox struct {
	mu       sync.Mutex
	items    []*pending
	bytes    int64
	opts     OutboxOptions
	kick     chan struct{}    // capacity 1: "items were added" (for a flusher that is not parked)
	wake     func() bool      // nil, or the open connection's: resumes a parked flusher (see park)
	disabled error            // set once the client is terminal: pushes fail with it
	progress *signal          // told when items leave (Flush)
	dropped  func(acc uint64) // nil, or told under mu of an item OverflowDropOldest pushed out (Flush)
}

func newOutbox(opts OutboxOptions, progress *signal) *outbox {
	return &outbox{opts: opts, kick: make(chan struct{}, 1), progress: progress}
}

// push appends m. It returns the queued item, and any item dropped to make room
// (OverflowDropOldest), or an error (overflow with OverflowReject, terminal client).
// A non-nil ctx means a sender waits for the result.
func (o *outbox) push(m transport.Message, acc uint64, owned bool, ctx context.Context) (p, dropped *pending, err error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.disabled != nil {
		return nil, nil, o.disabled
	}
	if !o.fits(m) {
		if o.opts.Overflow != OverflowDropOldest || len(o.items) == 0 {
			return nil, nil, errOutboxRefused
		}
		dropped = o.dropOldestLocked(m)
	}
	p = &pending{msg: m, acc: acc, owned: owned, ctx: ctx}
	if ctx != nil {
		p.result = make(chan error, 1)
	}
	o.items = append(o.items, p)
	o.bytes += int64(len(m.Data))
	o.signal()
	return p, dropped, nil
}

func (o *outbox) fits(m transport.Message) bool {
	return len(o.items) < o.opts.MaxMessages && o.bytes+int64(len(m.Data)) <= o.opts.MaxBytes
}

// dropOldestLocked removes the oldest queued item; a message larger than the
// whole budget is still refused later by fits on an empty queue.
func (o *outbox) dropOldestLocked(m transport.Message) *pending {
	for len(o.items) > 0 && !o.fits(m) {
		old := o.items[0]
		o.removeLocked(0)
		if old.state.CompareAndSwap(itemQueued, itemCancelled) {
			if o.dropped != nil {
				o.dropped(old.acc) // before mu is released: a Flush counting sees it queued or lost
			}
			return old
		}
	}
	return nil
}

func (o *outbox) removeLocked(i int) {
	o.bytes -= int64(len(o.items[i].msg.Data))
	copy(o.items[i:], o.items[i+1:])
	o.items[len(o.items)-1] = nil
	o.items = o.items[:len(o.items)-1]
	o.progress.notify()
}

// requeue puts messages written on a connection that ended unconfirmed back
// at the front, in their order, ahead of everything queued: they are sent
// first on the next connection. They are never refused: nothing is dropped.
func (o *outbox) requeue(ws []written) {
	if len(ws) == 0 {
		return
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	items := make([]*pending, 0, len(ws))
	for _, w := range ws {
		items = append(items, &pending{msg: w.msg, acc: w.acc, owned: true, maybe: true})
		o.bytes += int64(len(w.msg.Data))
	}
	o.items = append(items, o.items...)
	o.signal()
}

// countUpTo counts the live items accepted up to acc.
func (o *outbox) countUpTo(acc uint64) int {
	o.mu.Lock()
	defer o.mu.Unlock()
	n := 0
	for _, p := range o.items {
		if p.acc <= acc && p.state.Load() != itemCancelled {
			n++
		}
	}
	return n
}

// signal tells the flusher items were added: it resumes a parked one, or
// leaves a kick for a running one. The caller holds mu.
func (o *outbox) signal() {
	if o.wake != nil && o.wake() {
		return
	}
	select {
	case o.kick <- struct{}{}:
	default:
	}
}

// setWake sets the function signal calls first (nil: none).
func (o *outbox) setWake(wake func() bool) {
	o.mu.Lock()
	o.wake = wake
	o.mu.Unlock()
}

// park marks the flusher parked, unless items were added since it last
// looked (false: it flushes again). Under mu, so a push either comes before
// (its kick is seen here) or finds the flusher parked and resumes it.
func (o *outbox) park(parked *atomic.Bool) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	select {
	case <-o.kick:
		return false
	default:
	}
	parked.Store(true)
	return true
}

// front returns the first live item without removing it, dropping cancelled ones.
func (o *outbox) front() *pending {
	o.mu.Lock()
	defer o.mu.Unlock()
	for len(o.items) > 0 {
		p := o.items[0]
		if p.state.Load() != itemCancelled {
			return p
		}
		o.removeLocked(0)
	}
	return nil
}

// remove deletes p if it is still queued.
func (o *outbox) remove(p *pending) {
	o.mu.Lock()
	defer o.mu.Unlock()
	for i, q := range o.items {
		if q == p {
			o.removeLocked(i)
			return
		}
	}
}

func (o *outbox) empty() bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	return len(o.items) == 0
}

// close makes later pushes fail with err and returns every item still queued.
func (o *outbox) close(err error) []*pending {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.disabled = err
	items := o.items
	o.items, o.bytes = nil, 0
	o.progress.notify()
	return items
}

// byteCount returns the bytes of the messages queued.
func (o *outbox) byteCount() int64 {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.bytes
}
