package sdk

import (
	"sync"
	"sync/atomic"
	"time"
)

// directGrace is how long the reader goroutine stays away after it saw a
// Receive caller read directly, so a caller looping on Receive keeps reading on
// its own goroutine. The reader goroutine resumes reading (close frames,
// messages for the inbox) once a whole directGrace passed without a direct
// read: between one and two of them after such a caller stops.
const directGrace = 100 * time.Millisecond

// readTurn decides who reads a connection: its reader goroutine, or a Receive
// caller whose context can never end, or whose end leaves the connection open
// (canReadDirect). Such a caller can safely block in the transport's Read, so
// it reads on its own goroutine and saves the goroutine handoff the inbox
// costs on every message ("direct read").
//
// Whoever holds mu reads. The reader goroutine holds it until the message is
// in the inbox, and a direct reader takes it only when the inbox is empty, so
// messages stay in order. The reader goroutine never blocks on mu: while
// direct reads go on it sleeps directGrace at a time, and it reads as soon as
// kicked (a heartbeat ping needs its answer read; a Receive caller waits on
// the inbox). Direct reads are counted, not timed: reading the clock costs a
// call into JavaScript in browsers, on every message.
//
// The reader goroutine runs only while it may have to read: once a direct
// reader holds the turn it ends. wakeReader starts it again at once (ensure);
// a direct read ending starts it directGrace later unless a direct reader
// holds the turn by then (later), so a caller looping on Receive costs one
// timer reset per directGrace, not a goroutine per message. An idle client
// whose application waits in Receive thus keeps no reader goroutine.
type readTurn struct {
	mu      sync.Mutex
	holding atomic.Bool   // a direct reader holds mu
	direct  atomic.Uint64 // direct reads wanted or finished so far
	seen    uint64        // direct when the reader goroutine last looked; its own
	kick    chan struct{} // capacity 1: "the reader goroutine must read now"
	timer   *time.Timer   // owned by the running reader goroutine

	running atomic.Bool // a reader goroutine runs (or is being started)
	spawnMu sync.Mutex  // orders starts with end
	ended   bool        // end was called: no more starts; guarded by spawnMu
	spawn   func()      // starts the reader goroutine (adds to the connection's WaitGroup)

	takeover *time.Timer     // fires directGrace after later: ensure unless a direct reader holds
	armed    atomic.Bool     // takeover is pending
	wg       *sync.WaitGroup // the connection's: counts an armed takeover until its function returned or end stopped it

	// needReader counts Receive callers waiting on the inbox that cannot read
	// directly (their context can end, or another caller reads): while there
	// are any, the reader goroutine does not stay away. Shared by the client.
	needReader *atomic.Int32
}

func newReadTurn(needReader *atomic.Int32, wg *sync.WaitGroup) *readTurn {
	t := &readTurn{kick: make(chan struct{}, 1), needReader: needReader, wg: wg}
	t.takeover = time.AfterFunc(time.Hour, t.takeOver)
	t.takeover.Stop()
	return t
}

// ensure starts the reader goroutine unless one runs or the connection ended.
func (t *readTurn) ensure() {
	if !t.running.CompareAndSwap(false, true) {
		return
	}
	t.spawnMu.Lock()
	defer t.spawnMu.Unlock()
	if t.ended {
		return // running stays true: nothing starts again
	}
	t.spawn()
}

// later starts the reader goroutine directGrace from now unless a direct
// reader has the socket by then (or something started it meanwhile): at a
// connection's open, a Receive caller that reads directly takes the socket
// first and no reader goroutine is needed; after a direct read, a caller that
// comes back within directGrace keeps it. A pending takeover is left as it is.
//
// Arming happens under spawnMu and counts in the connection's WaitGroup until
// the timer's function returned or end stopped it, as the heartbeat timer
// does: once end was called, waiting for the group leaves none running.
func (t *readTurn) later() {
	if t.running.Load() || !t.armed.CompareAndSwap(false, true) {
		return
	}
	t.spawnMu.Lock()
	defer t.spawnMu.Unlock()
	if t.ended {
		return // armed stays true: nothing arms again
	}
	t.wg.Add(1)
	t.takeover.Reset(directGrace)
}

// takeOver is the takeover timer's function. armed is cleared before holding
// is read, and doneDirect clears holding before it calls later: one of the two
// sees the other, so a direct reader that does not come back is never left
// without a reader goroutine.
func (t *readTurn) takeOver() {
	defer t.wg.Done()
	t.armed.Store(false)
	if !t.holding.Load() {
		t.ensure()
	}
}

// end stops starts of the reader goroutine and arming of the takeover,
// before the connection's WaitGroup is waited for.
func (t *readTurn) end() {
	t.spawnMu.Lock()
	defer t.spawnMu.Unlock()
	t.ended = true
	if t.takeover.Stop() {
		t.wg.Done() // it will never run
	}
}

// park ends the reader goroutine while a direct reader has the socket. It
// reports whether the goroutine may return: false when a reason to read came
// meanwhile and it carries on itself.
func (t *readTurn) park() bool {
	t.running.Store(false)
	if len(t.kick) == 0 && t.needReader.Load() == 0 && t.holding.Load() {
		return true
	}
	return !t.running.CompareAndSwap(false, true) // else another start owns it
}

// tryDirect takes the turn for a direct read; false if someone else reads.
func (t *readTurn) tryDirect() bool {
	if !t.mu.TryLock() {
		t.want()
		return false
	}
	t.holding.Store(true)
	return true
}

// doneDirect ends a direct read, waking the reader goroutine if callers wait,
// and otherwise making sure one starts to take over should the caller not come
// back within directGrace (later).
func (t *readTurn) doneDirect() {
	t.want()
	t.holding.Store(false)
	t.mu.Unlock()
	if t.needReader.Load() > 0 {
		t.wakeReader()
		return
	}
	t.later()
}

// want records that a direct reader is active, so the reader goroutine yields
// once it has delivered what it is reading.
func (t *readTurn) want() { t.direct.Add(1) }

// wakeReader makes the reader goroutine read as soon as the turn is free,
// starting it if none runs.
func (t *readTurn) wakeReader() {
	notify(t.kick)
	t.ensure()
}

// quiet reports whether no direct reader was active since the reader
// goroutine last looked, and remembers what it saw. Reader goroutine only.
func (t *readTurn) quiet() bool {
	n := t.direct.Load()
	q := n == t.seen && !t.holding.Load()
	t.seen = n
	return q
}

// await blocks the reader goroutine until it may read: true when the turn is
// its own (mu held), false when stop is closed or the goroutine parked (a
// direct reader has the socket; see park). It never spins: right after
// direct reads it sleeps directGrace at a time, or until kicked.
func (t *readTurn) await(stop <-chan struct{}) bool {
	kicked := false
	for {
		if (kicked || t.needReader.Load() > 0 || t.quiet()) && t.mu.TryLock() {
			return true
		}
		if !kicked && t.holding.Load() && t.park() {
			return false
		}
		var ok bool
		if kicked, ok = t.sleep(directGrace, stop); !ok {
			return false
		}
	}
}

// sleep waits for d, a kick (kicked is true) or stop (ok is false).
func (t *readTurn) sleep(d time.Duration, stop <-chan struct{}) (kicked, ok bool) {
	if t.timer == nil {
		t.timer = time.NewTimer(d)
	} else {
		t.timer.Reset(d)
	}
	select {
	case <-t.timer.C:
		return false, true
	case <-t.kick:
		t.timer.Stop()
		return true, true
	case <-stop:
		t.timer.Stop()
		return false, false
	}
}
