//go:build unix

package peers

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tetherws/tether/sdk"
)

// eventTimeout bounds every wait for an event: generous, the machine is shared.
const eventTimeout = 20 * time.Second

// recorder keeps every event of one client, in order, and wakes waiters.
type recorder struct {
	mu      sync.Mutex
	events  []any
	changed chan struct{} // closed and replaced at every event
}

func newRecorder() *recorder { return &recorder{changed: make(chan struct{})} }

// attach sets o.OnEvent to record every event into r.
func (r *recorder) attach(o *sdk.Options) *sdk.Options {
	o.OnEvent = func(e sdk.Event) { r.add(e) }
	return o
}

func (r *recorder) add(e any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, e)
	close(r.changed)
	r.changed = make(chan struct{})
}

// snapshot returns the events so far and a channel closed at the next one.
func (r *recorder) snapshot() ([]any, <-chan struct{}) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]any(nil), r.events...), r.changed
}

// String lists the events, for failure messages.
func (r *recorder) String() string {
	evs, _ := r.snapshot()
	var b strings.Builder
	for _, e := range evs {
		fmt.Fprintf(&b, "\n\t%T %+v", e, e)
	}
	return b.String()
}

// all returns the recorded events of type T.
func all[T any](r *recorder) []T {
	evs, _ := r.snapshot()
	var out []T
	for _, e := range evs {
		if v, ok := e.(T); ok {
			out = append(out, v)
		}
	}
	return out
}

// waitN waits until n events of type T match, and returns the nth.
func waitN[T any](t *testing.T, r *recorder, n int, match func(T) bool) T {
	t.Helper()
	deadline := time.NewTimer(eventTimeout)
	defer deadline.Stop()
	for {
		evs, changed := r.snapshot()
		seen := 0
		for _, e := range evs {
			if v, ok := e.(T); ok && (match == nil || match(v)) {
				if seen++; seen == n {
					return v
				}
			}
		}
		select {
		case <-changed:
		case <-deadline.C:
			var zero T
			t.Fatalf("no %d %T events matching within %v; events:%s", n, zero, eventTimeout, r)
			return zero
		}
	}
}

// waitFor waits for the first event of type T that matches (nil: any).
func waitFor[T any](t *testing.T, r *recorder, match func(T) bool) T {
	t.Helper()
	return waitN(t, r, 1, match)
}
