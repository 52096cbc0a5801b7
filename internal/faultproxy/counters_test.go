//go:build !js

package faultproxy

import "testing"

func TestTrafficCountsForwardedBytes(t *testing.T) {
	e := startEcho(t)
	p := newProxy(t, e.ln.Addr().String())
	c := dial(t, p)
	if _, err := roundTrip(c, "hello"); err != nil {
		t.Fatal(err)
	}
	want := Traffic{Up: 5, Down: 5}
	waitFor(t, "5 bytes each way", func() bool { return p.Traffic() == want })
	before := p.Traffic()
	p.Blackhole(true)
	if _, err := c.Write([]byte("lost")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "bytes swallowed", func() bool { return p.Swallowed() >= 4 })
	if got := p.Traffic().Sub(before); got != (Traffic{}) {
		t.Fatalf("traffic while blackholed = %+v, want none (swallowed bytes are not forwarded)", got)
	}
	if got := p.Traffic().Total(); got != 10 {
		t.Fatalf("Total = %d, want 10", got)
	}
	if got := before.Add(before); got != (Traffic{Up: 10, Down: 10}) {
		t.Fatalf("Add = %+v, want 10 each way", got)
	}
}
