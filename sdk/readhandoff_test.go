package sdk

import (
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"
)

// A takeover timer that fired counts in the connection's WaitGroup until its
// function has run, even one that fired as end was called: once end was
// called and the group waited for (endServe), no work of the connection's
// goes on after Close returns. In the bubble the timer fires as the test's
// sleep ends (its goroutine may not have run yet), so end meets the fired
// timer.
func TestReadTurnEndWaitsForTakeover(t *testing.T) {
	for range 100 {
		synctest.Test(t, func(t *testing.T) {
			var spawned atomic.Int32
			var wg sync.WaitGroup
			tr := newReadTurn(new(atomic.Int32), &wg)
			tr.spawn = func() { spawned.Add(1) }
			tr.later()
			time.Sleep(directGrace)
			if tr.takeover.Stop() {
				t.Fatal("the takeover had not fired when the sleep ended")
			}
			tr.end()
			wg.Wait()
			if tr.armed.Load() || !tr.running.Load() {
				t.Fatalf("the connection's WaitGroup was done before the fired takeover ran (armed %v, running %v)", tr.armed.Load(), tr.running.Load())
			}
			tr.armed.Store(false)
			tr.running.Store(false)
			tr.later()
			if tr.takeover.Stop() {
				t.Fatal("later armed the takeover after end")
			}
			if n := spawned.Load(); n > 1 {
				t.Fatalf("reader goroutine started %d times", n)
			}
		})
	}
}
