//go:build !js

package mobile

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestSlowListener blocks the Listener while the server echoes many messages:
// the merge goroutine stops receiving at maxPending waiting calls, and once
// the Listener resumes every message arrives, in order.
func TestSlowListener(t *testing.T) {
	srv := startServer(t)
	c, rec := newTestClient(t, srv.URL("/echo"), nil)
	release := make(chan struct{})
	rec.hook = func(ev string) {
		if ev == "text 0" {
			<-release
		}
	}
	if err := c.Connect(); err != nil {
		t.Fatal(err)
	}
	const n = 3 * maxPending
	for i := range n {
		if err := c.EnqueueText(fmt.Sprint(i)); err != nil {
			t.Fatal(err)
		}
	}
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	for c.events.pending() < maxPending {
		<-tick.C
	}
	if got := c.events.pending(); got > maxPending {
		t.Fatalf("%d Listener calls pending, limit %d", got, maxPending)
	}
	close(release)
	rec.waitFor(t, 0, fmt.Sprintf("text %d", n-1))
	k := 0
	for _, ev := range rec.snapshot() {
		if strings.HasPrefix(ev, "text ") {
			if want := fmt.Sprintf("text %d", k); ev != want {
				t.Fatalf("got %q, want %q", ev, want)
			}
			k++
		}
	}
	if k != n {
		t.Fatalf("%d messages delivered, want %d", k, n)
	}
}
