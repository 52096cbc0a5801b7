// Package clock abstracts time so that time-based logic in Tether can be tested with
// a fake clock that never sleeps.
package clock

import "time"

// Clock tells the time and makes timers. Real returns the wall clock.
type Clock interface {
	Now() time.Time
	// NewTimer returns a timer that fires once, d from now.
	NewTimer(d time.Duration) Timer
	// AfterFunc calls f on its own goroutine once, d from now, unless the
	// returned timer is stopped first; that timer's C is nil. No goroutine
	// waits meanwhile.
	AfterFunc(d time.Duration, f func()) Timer
}

// Timer is a one-shot timer, like *time.Timer.
type Timer interface {
	// C delivers the time once the timer fires.
	C() <-chan time.Time
	// Stop prevents the timer from firing; it reports whether it was stopped
	// before firing.
	Stop() bool
}

// Real returns the clock backed by package time.
func Real() Clock { return wallClock }

// wallClock is a pointer, not a realClock value: value-receiver methods in an
// interface cost a generated pointer wrapper each in the wasm build.
var wallClock = &realClock{}

type realClock struct{}

func (*realClock) Now() time.Time { return time.Now() }

func (*realClock) NewTimer(d time.Duration) Timer { return realTimer{time.NewTimer(d)} }

func (*realClock) AfterFunc(d time.Duration, f func()) Timer { return realTimer{time.AfterFunc(d, f)} }

type realTimer struct{ t *time.Timer }

func (r realTimer) C() <-chan time.Time { return r.t.C }
func (r realTimer) Stop() bool          { return r.t.Stop() }
