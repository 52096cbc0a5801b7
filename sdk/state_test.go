package sdk

import (
	"context"
	"testing"
	"testing/synctest"
)

// A change nobody waits for allocates nothing; a waiter wakes at the next
// change, and one that comes after it returns at once.
func TestStateBoxWait(t *testing.T) {
	b := newStateBox()
	states := []State{Connecting, Open, Reconnecting}
	i := 0
	if n := testing.AllocsPerRun(100, func() { b.set(states[i%3]); i++ }); n != 0 {
		t.Errorf("set allocates %v times with no waiter, want 0", n)
	}
	from := b.get()
	synctest.Test(t, func(t *testing.T) {
		woke := make(chan bool)
		go func() { woke <- b.wait(context.Background(), from) }()
		synctest.Wait() // the waiter made its channel and blocks on it
		b.set(Closing)
		if !<-woke {
			t.Error("the waiter did not see the change")
		}
	})
	if !b.wait(context.Background(), from) {
		t.Error("a wait from a stale state did not return at once")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if b.wait(ctx, Closing) {
		t.Error("a wait whose context ended reported a change")
	}
}
