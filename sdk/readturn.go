package sdk

import (
	"sync"
	"sync/atomic"
	"time"
)

// directGrace is how long a connection's reader goroutine stays away after a
// Receive caller read directly, so a caller looping on Receive keeps reading
// on its own goroutine. It bounds how late the reader goroutine resumes
// reading (close frames, messages for the inbox) once such a caller stops.
const directGrace = 100 * time.Millisecond

// readTurn decides who reads a connection: its reader goroutine, or a Receive
// caller whose context can never end. Such a caller can safely block in the
// transport's Read (nothing needs to interrupt it but the connection's end),
// so it reads on its own goroutine and saves the goroutine handoff the inbox
// costs on every message ("direct read").
//
// Whoever holds mu reads. The reader goroutine holds it until the message is
// in the inbox, and a direct reader takes it only when the inbox is empty, so
// messages stay in order. The reader goroutine never blocks on mu: while a
// direct reader is active it waits for directGrace to pass, or for a kick
// (a heartbeat ping needs its answer read; a Receive caller waits on the inbox).
type readTurn struct {
	mu      sync.Mutex
	holding atomic.Bool   // a direct reader holds mu
	last    atomic.Int64  // when a direct reader last wanted or finished a read (UnixNano); 0: never
	kick    chan struct{} // capacity 1: "the reader goroutine must read now"
	timer   *time.Timer   // owned by the reader goroutine

	// needReader counts Receive callers waiting on the inbox that cannot read
	// directly (their context can end, or another caller reads): while there
	// are any, the reader goroutine does not stay away. Shared by the client.
	needReader *atomic.Int32
}

func newReadTurn(needReader *atomic.Int32) *readTurn {
	return &readTurn{kick: make(chan struct{}, 1), needReader: needReader}
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

// doneDirect ends a direct read, waking the reader goroutine if callers wait.
func (t *readTurn) doneDirect() {
	t.want()
	t.holding.Store(false)
	t.mu.Unlock()
	if t.needReader.Load() > 0 {
		t.wakeReader()
	}
}

// want records that a direct reader is active, so the reader goroutine yields
// once it has delivered what it is reading.
func (t *readTurn) want() { t.last.Store(time.Now().UnixNano()) }

// wakeReader makes the reader goroutine read as soon as the turn is free.
func (t *readTurn) wakeReader() { notify(t.kick) }

// graceLeft is how long the reader goroutine should still stay away.
func (t *readTurn) graceLeft() time.Duration {
	if t.holding.Load() {
		return directGrace
	}
	last := t.last.Load()
	if last == 0 {
		return 0
	}
	return directGrace - time.Duration(time.Now().UnixNano()-last)
}

// await blocks the reader goroutine until it may read: true when the turn is
// its own (mu held), false when stop is closed. It never spins: when a direct
// reader holds the turn it sleeps until kicked or the grace has passed.
func (t *readTurn) await(stop <-chan struct{}) bool {
	for {
		wait := t.graceLeft()
		if t.needReader.Load() > 0 {
			wait = 0
		}
		if wait <= 0 && t.mu.TryLock() {
			return true
		}
		if wait <= 0 {
			wait = directGrace // a direct reader holds the turn; it kicks when done
		}
		if !t.sleep(wait, stop) {
			return false
		}
	}
}

// sleep waits for d, a kick (then the grace is over) or stop.
func (t *readTurn) sleep(d time.Duration, stop <-chan struct{}) bool {
	if t.timer == nil {
		t.timer = time.NewTimer(d)
	} else {
		t.timer.Reset(d)
	}
	select {
	case <-t.timer.C:
	case <-t.kick:
		t.timer.Stop()
		t.last.Store(0)
	case <-stop:
		t.timer.Stop()
		return false
	}
	return true
}
