//go:build !js

package mobile

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tetherws/tether/sdk"
)

// TestSlowListener blocks the Listener on the first echo until the client has
// written three times as many messages as the sdk.Client's receive buffer
// holds, so the echoes fill that buffer and its reader has to wait for the
// Listener (the socket is no longer read). Once the Listener resumes every
// message arrives, in order, none lost.
func TestSlowListener(t *testing.T) {
	srv := startServer(t)
	c, rec := newTestClient(t, srv.URL("/echo"), nil)
	release := make(chan struct{})
	rec.hook = func(ev string) {
		if ev == "text 0" {
			<-release
		}
	}
	if err := c.Connect(nil); err != nil {
		t.Fatal(err)
	}
	n := 3 * sdk.DefaultOptions().ReceiveBuffer
	for i := range n - 1 {
		if err := c.EnqueueText(fmt.Sprint(i)); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.SendText(fmt.Sprint(n-1), nil); err != nil { // written after all the others
		t.Fatal(err)
	}
	rec.waitFor(t, 0, "text 0")
	if got := rec.count("text "); got != 1 {
		t.Fatalf("%d messages delivered while the Listener was blocked in the first", got)
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
