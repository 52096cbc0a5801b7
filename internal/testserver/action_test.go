//go:build !js

package testserver

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"testing"

	"github.com/coder/websocket"
)

// act requests path (/drop, /blackhole or /close with its query) and returns
// the status and the number of connections the action was handed to.
func act(t *testing.T, r *Running, path string) (int, int) {
	t.Helper()
	resp, err := http.Get(r.HTTPURL(path))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct{ Connections int }
	if resp.StatusCode == http.StatusOK {
		if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
			t.Fatal(err)
		}
	}
	return resp.StatusCode, body.Connections
}

// TestActionDrop: /drop?key=K, sent as soon as the client saw the 101, drops
// K's connection without a close frame and leaves other keys alone.
func TestActionDrop(t *testing.T) {
	r := start(t, Options{})
	c, other := dial(t, r.URL("/echo?key=a")), dial(t, r.URL("/echo?key=b"))
	if status, n := act(t, r, "/drop?key=a"); status != http.StatusOK || n != 1 {
		t.Fatalf("/drop?key=a: status %d, %d connections; want 200 and 1", status, n)
	}
	if _, _, err := read(t, c, patience); err == nil || websocket.CloseStatus(err) != -1 || errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("read after /drop: err = %v, want a failure without close frame", err)
	}
	expectEcho(t, other, "still here")
}

func TestActionClose(t *testing.T) {
	r := start(t, Options{})
	c := dial(t, r.URL("/chaos?key=c"))
	if status, n := act(t, r, "/close?key=c&code=4001&reason=bye"); status != http.StatusOK || n != 1 {
		t.Fatalf("/close: status %d, %d connections; want 200 and 1", status, n)
	}
	_, _, err := read(t, c, patience)
	var ce websocket.CloseError
	if !errors.As(err, &ce) || ce.Code != 4001 || ce.Reason != "bye" {
		t.Fatalf("read after /close: err = %v, want close 4001 bye", err)
	}
}

func TestActionBlackhole(t *testing.T) {
	r := start(t, Options{})
	dial(t, r.URL("/echo?key=h"))
	if status, n := act(t, r, "/blackhole?key=h"); status != http.StatusOK || n != 1 {
		t.Fatalf("/blackhole: status %d, %d connections; want 200 and 1", status, n)
	}
	waitFor(t, "the connection to go silent", func() bool { c := liveConn(r.Server()); return c != nil && c.isSilent() })
}

func TestActionBadRequests(t *testing.T) {
	r := start(t, Options{})
	for _, path := range []string{"/drop", "/blackhole?key=", "/close?key=k&code=1005", "/close?key=k&code=999", "/drop?key=a&key=b"} {
		if status, _ := act(t, r, path); status != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400", path, status)
		}
	}
	if status, n := act(t, r, "/drop?key=nobody"); status != http.StatusOK || n != 0 {
		t.Fatalf("/drop for a key with no connection: status %d, %d connections", status, n)
	}
}
