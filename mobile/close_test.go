//go:build !js

package mobile

import (
	"net/http"
	"runtime"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/tetherws/tether/sdk"
)

// deadlockBound bounds waits that only a deadlock would exhaust.
const deadlockBound = 10 * time.Second

// TestCloseWhileAListenerMethodRuns calls Close from the test while a Listener
// method is blocked until Close returns: Close must not wait for it (it
// cannot tell this from a method that calls Close itself). The final OnClose
// follows once the method returns.
func TestCloseWhileAListenerMethodRuns(t *testing.T) {
	srv := startServer(t)
	c, rec := newTestClient(t, srv.URL("/echo"), nil)
	release := make(chan struct{})
	rec.hook = func(ev string) {
		if ev == "text hold" {
			<-release
		}
	}
	if err := c.Connect(nil); err != nil {
		t.Fatal(err)
	}
	if err := c.EnqueueText("hold"); err != nil {
		t.Fatal(err)
	}
	rec.waitFor(t, 0, "text hold")
	closed := make(chan error, 1)
	go func() { closed <- c.Close() }()
	select {
	case err := <-closed:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(deadlockBound):
		close(release)
		t.Fatal("Close waited for a Listener method that waits for Close")
	}
	if n := rec.count("close"); n != 0 {
		t.Fatalf("OnClose ran during a blocked Listener method: %q", rec.snapshot())
	}
	close(release)
	rec.waitFor(t, 0, `close 1000 "" final=true`)
	checkLastFinal(t, rec)
}

// TestCloseWaitsForTheFinalOnClose: Close called while a Listener method
// runs still waits for the final OnClose when that method returns before the
// client has stopped. The order is fixed: Close is stuck behind a
// CredentialsProvider call (Close waits for it) until the blocked method has
// returned, which the next event shows.
func TestCloseWaitsForTheFinalOnClose(t *testing.T) {
	url := serveWS(t, func(w http.ResponseWriter, r *http.Request) {
		conn, err := websocket.Accept(w, r, nil)
		if err != nil {
			return
		}
		_ = conn.Write(r.Context(), websocket.MessageText, []byte("a"))
		_ = conn.Write(r.Context(), websocket.MessageText, []byte("b"))
		_ = conn.Close(4001, "again")
	})
	entered, gate := make(chan struct{}), make(chan struct{})
	cfg := fastConfig()
	cfg.CredentialsProvider = &provider{f: func(attempt int64) (*Credentials, error) {
		if attempt == 2 {
			close(entered)
			<-gate
		}
		return nil, nil
	}}
	c, rec := newTestClient(t, url, cfg)
	release := make(chan struct{})
	rec.hook = func(ev string) {
		if ev == "text a" {
			<-release
		}
	}
	if err := c.Connect(nil); err != nil {
		t.Fatal(err)
	}
	rec.waitFor(t, 0, "text a") // the method Close will see running
	<-entered                   // the reconnect waits in the provider
	closed := make(chan error, 1)
	go func() { closed <- c.Close() }()
	awaitClosing(t, c)
	close(release)
	rec.waitFor(t, 0, "text b") // the method returned
	close(gate)
	if err := <-closed; err != nil {
		t.Fatal(err)
	}
	evs := rec.snapshot()
	if last := evs[len(evs)-1]; last != `close 1000 "" final=true` {
		t.Fatalf("Close returned before the final OnClose; events: %q", evs)
	}
	checkLastFinal(t, rec)
}

// awaitClosing waits until Close has started closing the session's
// sdk.Client (it has then looked at the running Listener method).
func awaitClosing(t *testing.T, c *Client) {
	t.Helper()
	c.mu.Lock()
	s := c.lastOpened
	c.mu.Unlock()
	// The session's events go to the blocked Listener method, so the state
	// is polled; yielding lets Close run. Only a Close that never starts
	// closing exhausts the bound.
	deadline := time.Now().Add(deadlockBound)
	for st := s.cl.State(); st != sdk.Closing && st != sdk.Closed; st = s.cl.State() {
		if time.Now().After(deadline) {
			t.Fatalf("Close did not start closing the client (state %v)", st)
		}
		runtime.Gosched()
	}
}
