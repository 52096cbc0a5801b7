//go:build !js

package mobile

import "testing"

func TestOpenEchoClose(t *testing.T) {
	srv := startServer(t)
	cfg := NewConfig()
	cfg.Subprotocols = "chat.v1"
	c, rec := newTestClient(t, srv.URL("/echo"), cfg)
	if got := c.State(); got != stateIdle {
		t.Fatalf("State before Connect = %s", got)
	}
	if err := c.Connect(nil); err != nil {
		t.Fatalf("Connect: %v", err)
	}
	if got := c.State(); got != stateOpen {
		t.Fatalf("State = %s, want Open", got)
	}
	if got := c.Subprotocol(); got != "chat.v1" {
		t.Fatalf("Subprotocol = %q", got)
	}
	rec.waitFor(t, 0, `open proto="chat.v1" reconnect=false`)
	if err := c.SendText("hello", nil); err != nil {
		t.Fatal(err)
	}
	rec.waitFor(t, 0, "text hello")
	if err := c.SendBinary([]byte{1, 2, 3}, nil); err != nil {
		t.Fatal(err)
	}
	rec.waitFor(t, 0, "binary 010203")
	if err := c.EnqueueText("queued"); err != nil {
		t.Fatal(err)
	}
	rec.waitFor(t, 0, "text queued")
	closeAndCheck(t, c, rec, `close 1000 "" final=true`)
	if got := c.State(); got != stateClosed {
		t.Fatalf("State after Close = %s", got)
	}
	if got := c.Subprotocol(); got != "chat.v1" {
		t.Fatalf("Subprotocol after Close = %q", got)
	}
}
