package sdk

import (
	"sync"
	"time"

	"github.com/tetherws/tether/internal/clock"
)

// driver is the heartbeat timer of a livenessState: one clock.AfterFunc at
// the Monitor's next action, whose function runs the action and re-arms it.
// Each armed timer counts in wg until it has run or was stopped, so the
// connection's WaitGroup covers it. The livenessState's mu guards every
// field. The zero driver is idle: start arms it.
type driver struct {
	clock   clock.Clock
	wg      *sync.WaitGroup
	act     func() bool // runs the due action; false: stop
	timer   clock.Timer // nil: none armed
	at      time.Time   // when timer fires
	gen     uint64      // bumped by every arm and cancel: a stale firing sees a newer one
	stopped bool
}

// start arms the timer for the first action.
func (b *livenessState) start(c clock.Clock, wg *sync.WaitGroup, act func() bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.clock, b.wg, b.act = c, wg, act
	b.armLocked()
}

// stop cancels the timer for good; a firing already running returns without
// acting again.
func (b *livenessState) stop() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.stopped = true
	b.cancelLocked()
}

// armLocked sets the timer to the Monitor's next action (none when there is
// no action, or before start or after stop).
func (b *livenessState) armLocked() {
	if b.stopped || b.act == nil {
		return
	}
	b.cancelLocked()
	_, at := b.mon.Next()
	if at.IsZero() {
		return
	}
	gen := b.gen
	b.at = at
	b.wg.Add(1)
	b.timer = b.clock.AfterFunc(at.Sub(b.clock.Now()), func() { b.fire(gen) })
}

// cancelLocked stops the armed timer, if any.
func (b *livenessState) cancelLocked() {
	b.gen++
	if b.timer != nil && b.timer.Stop() {
		b.wg.Done() // it will never run
	}
	b.timer = nil
}

// fire is the timer's function for the arming numbered gen.
func (b *livenessState) fire(gen uint64) {
	defer b.wg.Done()
	b.mu.Lock()
	if gen != b.gen || b.stopped { // re-armed or stopped meanwhile
		b.mu.Unlock()
		return
	}
	b.timer = nil
	b.mu.Unlock()
	if !b.act() {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.timer == nil { // the action may have re-armed it already
		b.armLocked()
	}
}
