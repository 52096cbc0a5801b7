package sdk

import (
	"context"
	"sync"
	"sync/atomic"

	"github.com/tetherws/tether/transport"
)

// entry is one item of the inbox: a received message, or (ev not nil) a
// lifecycle event recorded for Next with Options.StreamEvents.
type entry struct {
	msg transport.Message
	ev  Event
}

// inbox holds received messages for Receive, and with Options.StreamEvents
// the lifecycle events between them, in the order they happened. It is
// bounded by count and by bytes: readers wait while a message does not fit
// (backpressure on the socket), except that an empty inbox takes any message
// (one up to the read limit must always get through) and a message already
// read from a connection that is ending is always kept: nothing the server
// sent is dropped. Events never wait: they are small and come from the
// supervisor, which must not block.
type inbox struct {
	mu       sync.Mutex
	items    []entry
	head     int
	limit    int           // most messages held
	msgs     int           // messages held (entries that are not events)
	maxBytes int64         // most bytes held, unless a single message is larger
	bytes    int64         // sum of len(Data) of the messages held
	queued   atomic.Int32  // lenLocked(), readable without mu: take skips the lock when empty
	ready    chan struct{} // capacity 1: "a message was added"
	space    chan struct{} // capacity 1: "a message was taken"
	added    func()        // nil, or called after every entry is added (see sdkhook.SetWake)
	onEvent  func()        // nil, or called after an event is added (watchEvents); guarded by mu
}

// newInbox returns an inbox holding at most limit messages and maxBytes
// bytes (both positive: Options fills in the defaults).
func newInbox(limit int, maxBytes int64) *inbox {
	return &inbox{limit: limit, maxBytes: maxBytes, ready: make(chan struct{}, 1), space: make(chan struct{}, 1)}
}

// put adds m, waiting for room until stop is closed; then it adds m anyway.
func (q *inbox) put(m transport.Message, stop <-chan struct{}) {
	for !q.tryPut(m) {
		select {
		case <-q.space:
		case <-stop:
			q.force(m)
			return
		}
	}
}

// tryPut adds m if it fits, and reports whether it did.
func (q *inbox) tryPut(m transport.Message) bool {
	q.mu.Lock()
	if !q.fitsLocked(m) {
		q.mu.Unlock()
		return false
	}
	q.appendLocked(entry{msg: m})
	q.mu.Unlock()
	q.notifyAdded()
	return true
}

// fitsLocked reports whether m fits both bounds; an empty inbox takes any
// message.
func (q *inbox) fitsLocked(m transport.Message) bool {
	return q.msgs == 0 || (q.msgs < q.limit && q.bytes+int64(len(m.Data)) <= q.maxBytes)
}

func (q *inbox) force(m transport.Message) { q.forceEntry(entry{msg: m}) }

// event adds ev without waiting for room, and ends the context of a direct
// read that watches for events.
func (q *inbox) event(ev Event) { q.forceEntry(entry{ev: ev}) }

func (q *inbox) forceEntry(e entry) {
	q.mu.Lock()
	q.appendLocked(e)
	if e.ev != nil && q.onEvent != nil {
		q.onEvent()
	}
	q.mu.Unlock()
	q.notifyAdded()
}

// watchEvents returns a context derived from ctx that the next event added
// cancels, and the function that ends the watch. A Next caller reading the
// socket directly reads with it, so an event does not wait behind the read.
// One watch at a time: only the holder of a connection's read turn watches.
func (q *inbox) watchEvents(ctx context.Context) (context.Context, func()) {
	wctx, cancel := context.WithCancel(ctx)
	q.mu.Lock()
	q.onEvent = cancel
	q.mu.Unlock()
	return wctx, func() {
		q.mu.Lock()
		q.onEvent = nil
		q.mu.Unlock()
		cancel()
	}
}

func (q *inbox) notifyAdded() {
	notify(q.ready)
	if q.added != nil {
		q.added()
	}
}

func (q *inbox) appendLocked(e entry) {
	if q.head > 0 && q.head == len(q.items) {
		q.items, q.head = q.items[:0], 0
	}
	q.items = append(q.items, e)
	q.bytes += int64(len(e.msg.Data))
	if e.ev == nil {
		q.msgs++
	}
	q.queued.Add(1)
}

func (q *inbox) lenLocked() int { return len(q.items) - q.head }

// len reports how many messages wait unread (heartbeats treat a backlog as life).
func (q *inbox) len() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.lenLocked()
}

// take removes the oldest entry, if any. An empty inbox costs no lock (an
// entry added concurrently is found by the caller's next look: Receive
// waits on ready, and direct reads look again after taking the read turn).
func (q *inbox) take() (entry, bool) {
	if q.queued.Load() == 0 {
		return entry{}, false
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.lenLocked() == 0 {
		return entry{}, false
	}
	e := q.items[q.head]
	q.items[q.head] = entry{}
	q.head++
	q.bytes -= int64(len(e.msg.Data))
	if e.ev == nil {
		q.msgs--
	}
	q.queued.Add(-1)
	notify(q.space)
	return e, true
}

// get waits for an entry until ctx ends or done is closed (then it still
// returns what is queued first). When both have happened, done wins: a poll
// of a closed client learns it is closed, not that its context ended.
func (q *inbox) get(ctx context.Context, done <-chan struct{}) (entry, bool, error) {
	for {
		if e, ok := q.take(); ok {
			return e, true, nil
		}
		select {
		case <-q.ready:
		case <-done:
			e, ok := q.take()
			return e, ok, nil
		case <-ctx.Done():
			select {
			case <-done:
				e, ok := q.take()
				return e, ok, nil
			default:
			}
			return entry{}, false, ctx.Err()
		}
	}
}

func notify(ch chan struct{}) {
	select {
	case ch <- struct{}{}:
	default:
	}
}
