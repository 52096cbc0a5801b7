//go:build !js

package sdk

import (
	"strings"
	"testing"
	"time"

	"github.com/tetherws/tether/transport"
)

// TestOpenClientParksItsSupervisor: while a connection is open with nothing
// queued no goroutine supervises it (see park); a message queued with Enqueue
// (natively it always goes through the outbox) resumes supervision and is
// written, the server dropping the connection resumes it and the client
// reconnects, and it parks again after each. Close leaves nothing behind.
func TestOpenClientParksItsSupervisor(t *testing.T) {
	rec := newRecorder()
	o := rec.attach(fastReconnect())
	base, key := testServerURL(t), uniqueKey(t)
	c := dialT(t, base+"/echo?key="+key, o)
	waitSupervisorParked(t, "after the open")
	if err := c.Enqueue(transport.TextMessage("queued while parked")); err != nil {
		t.Fatal(err)
	}
	if m := mustReceive(t, c); string(m.Data) != "queued while parked" {
		t.Fatalf("received %q", m.Data)
	}
	waitSupervisorParked(t, "after the queued message")
	serverAct(t, base, "drop", key, "")
	rec.waitFor(t, "the reconnect", isReopen)
	waitSupervisorParked(t, "after the reconnect")
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if left := clientGoroutines(); left != "" {
		t.Fatalf("goroutines left after Close returned:\n%s", left)
	}
}

// waitSupervisorParked waits, for at most 10 s, until no goroutine runs the
// client's supervisor.
func waitSupervisorParked(t *testing.T, when string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for pause := time.Millisecond; ; pause = min(2*pause, 50*time.Millisecond) {
		left := supervisorGoroutines()
		if left == "" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s, with nothing queued, a goroutine still supervises:\n%s", when, left)
		}
		time.Sleep(pause) // polling the goroutine list
	}
}

func supervisorGoroutines() string {
	var out []string
	for _, g := range strings.Split(clientGoroutines(), "\n\n") {
		if strings.Contains(g, "(*Client).superviseFrom") {
			out = append(out, g)
		}
	}
	return strings.Join(out, "\n\n")
}

// TestBackoffRunsOneGoroutine: a client waiting out a backoff runs one
// goroutine, its supervisor asleep (the connection's goroutines are gone).
func TestBackoffRunsOneGoroutine(t *testing.T) {
	rec := newRecorder()
	o := rec.attach(&Options{})
	o.Reconnect.InitialDelay, o.Reconnect.MaxDelay = time.Minute, time.Minute
	o.Reconnect.Jitter = -1
	c := dialT(t, testServerURL(t)+"/chaos?close_after=10&code=1011&key="+uniqueKey(t), o)
	rec.waitFor(t, "a one-minute backoff", func(e any) bool { _, ok := e.(ReconnectingEvent); return ok })
	deadline := time.Now().Add(10 * time.Second)
	for pause := time.Millisecond; ; pause = min(2*pause, 50*time.Millisecond) {
		gs := strings.Split(clientGoroutines(), "\n\n")
		if len(gs) == 1 && strings.Contains(gs[0], "(*Client).sleep") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("in backoff, %d goroutines, want the supervisor's alone:\n%s", len(gs), strings.Join(gs, "\n\n"))
		}
		time.Sleep(pause) // polling the goroutine list
	}
	if s := c.State(); s != Reconnecting {
		t.Fatalf("state %v, want Reconnecting", s)
	}
}
