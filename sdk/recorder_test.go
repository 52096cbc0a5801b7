package sdk

import (
	"sync"
	"testing"
	"time"
)

// recorder collects events from the callbacks, in order, and lets a test wait
// for one without sleeping.
type recorder struct {
	mu      sync.Mutex
	events  []any
	changed chan struct{}
}

func newRecorder() *recorder { return &recorder{changed: make(chan struct{})} }

func (r *recorder) add(ev any) {
	r.mu.Lock()
	r.events = append(r.events, ev)
	close(r.changed)
	r.changed = make(chan struct{})
	r.mu.Unlock()
}

// attach sets o.OnEvent to record every open, reconnecting, close,
// heartbeat and unsent event.
func (r *recorder) attach(o *Options) *Options {
	o.OnEvent = func(e Event) {
		switch e.(type) {
		case OpenEvent, ReconnectingEvent, CloseEvent, HeartbeatEvent, UnsentEvent:
			r.add(e)
		}
	}
	return o
}

func (r *recorder) snapshot() []any {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]any(nil), r.events...)
}

// waitFor blocks until match accepts some recorded event, and returns it.
func (r *recorder) waitFor(t testing.TB, what string, match func(any) bool) any {
	t.Helper()
	deadline := time.NewTimer(15 * time.Second)
	defer deadline.Stop()
	seen := 0
	for {
		r.mu.Lock()
		evs, ch := r.events, r.changed
		r.mu.Unlock()
		for ; seen < len(evs); seen++ {
			if match(evs[seen]) {
				return evs[seen]
			}
		}
		select {
		case <-ch:
		case <-deadline.C:
			t.Fatalf("timed out waiting for %s; events: %+v", what, r.snapshot())
		}
	}
}

func isReopen(ev any) bool {
	o, ok := ev.(OpenEvent)
	return ok && o.Reconnect
}

func countOf[T any](evs []any) int {
	n := 0
	for _, e := range evs {
		if _, ok := e.(T); ok {
			n++
		}
	}
	return n
}

// fastReconnect returns options reconnecting after a few milliseconds.
func fastReconnect() *Options {
	o := &Options{}
	o.Reconnect.InitialDelay = 10 * time.Millisecond
	o.Reconnect.MaxDelay = 50 * time.Millisecond
	return o
}
