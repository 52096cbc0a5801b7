package sdk

import (
	"context"
	"sync"

	"github.com/tetherws/tether/internal/errfmt"
)

// State is a Client's connectivity state.
//
// A client moves Connecting → Open, and on a lost connection Open → Reconnecting
// → Connecting → Open …, until Close or a failure that is not retried moves it
// through Closing to Closed. Closed is final: no transition leaves it.
type State int

const (
	// Idle is the state of a client that has not started dialling.
	Idle State = iota
	// Connecting means an opening handshake is in progress.
	Connecting
	// Open means a connection is open and messages flow.
	Open
	// Reconnecting means the connection was lost and the client waits out a
	// backoff delay before its next attempt.
	Reconnecting
	// Closing means Close was called or the client gave up; it is releasing
	// the connection.
	Closing
	// Closed is final.
	Closed
)

var stateNames = [...]string{"Idle", "Connecting", "Open", "Reconnecting", "Closing", "Closed"}

// String returns the state's name.
func (s State) String() string {
	if s >= 0 && int(s) < len(stateNames) {
		return stateNames[s]
	}
	return errfmt.Sprintf("State(%d)", int(s))
}

// stateBox holds a state and lets goroutines (tests) wait for a change
// without leaking. Its signal makes a channel only for a waiter, so changes
// nobody waits for (nearly all: every reconnect makes three) allocate nothing.
type stateBox struct {
	mu      sync.Mutex
	state   State
	changed signal // notified by every change
}

func newStateBox() *stateBox { return &stateBox{} }

func (b *stateBox) get() State {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.state
}

// set moves to next and reports the previous state; transitions out of Closed
// are ignored (ok is false).
func (b *stateBox) set(next State) (prev State, ok bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	prev = b.state
	if prev == Closed || prev == next {
		return prev, false
	}
	b.state = next
	b.changed.notify()
	return prev, true
}

// wait blocks until the state differs from source or ctx ends.
func (b *stateBox) wait(ctx context.Context, source State) bool {
	for {
		b.mu.Lock() // set notifies under it: no change falls between the check and ch
		if b.state != source {
			b.mu.Unlock()
			return true
		}
		ch := b.changed.wait()
		b.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return false
		}
	}
}
