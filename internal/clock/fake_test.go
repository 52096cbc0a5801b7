package clock

import (
	"testing"
	"time"
)

func TestFakeAfterFuncRunsWhenAdvancedPast(t *testing.T) {
	f := NewFake(time.Unix(0, 0))
	ran := make(chan time.Time, 1)
	f.AfterFunc(time.Second, func() { ran <- f.Now() })
	if f.Pending() != 1 {
		t.Fatalf("Pending = %d, want 1", f.Pending())
	}
	f.Advance(999 * time.Millisecond)
	select {
	case <-ran:
		t.Fatal("ran before its time")
	default:
	}
	f.Advance(time.Millisecond)
	select {
	case at := <-ran:
		if !at.Equal(time.Unix(1, 0)) {
			t.Fatalf("ran at %v, want 1s", at)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("did not run once due")
	}
	if f.Pending() != 0 {
		t.Fatalf("Pending = %d after firing, want 0", f.Pending())
	}
}

func TestFakeAfterFuncStopped(t *testing.T) {
	f := NewFake(time.Unix(0, 0))
	tm := f.AfterFunc(time.Second, func() { t.Error("a stopped timer ran") })
	if !tm.Stop() {
		t.Fatal("Stop = false on a pending timer")
	}
	f.Advance(time.Hour)
	if tm.Stop() {
		t.Fatal("Stop = true twice")
	}
	if tm.C() != nil {
		t.Fatal("an AfterFunc timer has a channel")
	}
}

func TestFakeAfterFuncDueNowRuns(t *testing.T) {
	f := NewFake(time.Unix(0, 0))
	ran := make(chan struct{})
	tm := f.AfterFunc(0, func() { close(ran) })
	select {
	case <-ran:
	case <-time.After(10 * time.Second):
		t.Fatal("a timer due now did not run")
	}
	if tm.Stop() {
		t.Fatal("Stop = true after it ran")
	}
}
