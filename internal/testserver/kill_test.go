//go:build !js

package testserver

import (
	"testing"

	"github.com/coder/websocket"
)

// TestKillThenRestartOnSamePort: Kill drops live WebSockets without a close
// frame and frees the port, so a new server can start on the same address.
func TestKillThenRestartOnSamePort(t *testing.T) {
	r, err := Start("", Options{})
	if err != nil {
		t.Fatal(err)
	}
	c := dial(t, r.URL("/echo"))
	expectEcho(t, c, "before")
	r.Kill()
	if _, _, err := read(t, c, patience); err == nil || websocket.CloseStatus(err) != -1 {
		t.Fatalf("read after Kill: err %v, want a dropped connection without a close frame", err)
	}
	if _, _, err := tryDial(t, r.URL("/echo")); err == nil {
		t.Fatal("dial after Kill succeeded; want refused")
	}
	r.Kill() // idempotent
	if err := r.Close(); err != nil {
		t.Fatalf("Close after Kill: %v", err)
	}
	again, err := Start(r.Addr(), Options{})
	if err != nil {
		t.Fatalf("restart on %s: %v", r.Addr(), err)
	}
	t.Cleanup(func() { _ = again.Close() })
	expectEcho(t, dial(t, again.URL("/echo")), "after")
}
