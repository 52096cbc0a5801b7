//go:build !js

package testserver

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/coder/websocket"
)

// start runs a server for the test and closes it at cleanup.
func start(t *testing.T, opts Options) *Running {
	t.Helper()
	r, err := Start("", opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := r.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return r
}

// timeout returns a context bounded to d (at most 5 s) and tied to the test.
func timeout(t *testing.T, d time.Duration) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), min(d, 5*time.Second))
	t.Cleanup(cancel)
	return ctx
}

// dial opens a WebSocket to url with the given offer; the connection is closed
// at cleanup.
func dial(t *testing.T, url string, offer ...string) *websocket.Conn {
	t.Helper()
	c, _, err := tryDial(t, url, offer...)
	if err != nil {
		t.Fatalf("dial %s: %v", url, err)
	}
	return c
}

func tryDial(t *testing.T, url string, offer ...string) (*websocket.Conn, *http.Response, error) {
	t.Helper()
	c, resp, err := websocket.Dial(timeout(t, 5*time.Second), url, &websocket.DialOptions{Subprotocols: offer})
	if c != nil {
		t.Cleanup(func() { _ = c.CloseNow() })
	}
	return c, resp, err
}

// read reads one message within d.
func read(t *testing.T, c *websocket.Conn, d time.Duration) (websocket.MessageType, string, error) {
	t.Helper()
	typ, b, err := c.Read(timeout(t, d))
	return typ, string(b), err
}

// write writes a text message within 2 s.
func write(t *testing.T, c *websocket.Conn, msg string) {
	t.Helper()
	if err := c.Write(timeout(t, 2*time.Second), websocket.MessageText, []byte(msg)); err != nil {
		t.Fatalf("write %q: %v", msg, err)
	}
}

// expectEcho writes msg and checks it comes back as text.
func expectEcho(t *testing.T, c *websocket.Conn, msg string) {
	t.Helper()
	write(t, c, msg)
	typ, got, err := read(t, c, 2*time.Second)
	if err != nil || typ != websocket.MessageText || got != msg {
		t.Fatalf("echo of %q: got %v %q, err %v", msg, typ, got, err)
	}
}

// waitFor polls cond on a short ticker until it holds or 3 s pass.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	deadline := time.NewTimer(3 * time.Second)
	defer deadline.Stop()
	for !cond() {
		select {
		case <-tick.C:
		case <-deadline.C:
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// liveConn returns one live server-side connection, or nil.
func liveConn(s *Server) *tapConn {
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.live {
		return c
	}
	return nil
}
