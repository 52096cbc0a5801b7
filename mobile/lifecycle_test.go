//go:build !js

package mobile

import (
	"testing"
)

// hooks calls every lifecycle hook; none may block or panic.
func hooks(c *Client) {
	c.OnForeground()
	c.OnNetworkChange()
	c.OnBackground()
	c.OnForeground()
}

func TestLifecycleHooksInEveryState(t *testing.T) {
	srv := startServer(t)
	cfg := NewConfig()
	cfg.RetryFirstDial = true
	cfg.ReconnectInitialMillis, cfg.ReconnectMaxMillis = 60000, 60000
	c, rec := newTestClient(t, srv.URL("/echo?fail_first=1&key=hooks"), cfg)
	hooks(c) // Idle
	if got := c.State(); got != stateIdle {
		t.Fatalf("hooks started a session: %s", got)
	}
	if err := c.ConnectAsync(); err != nil {
		t.Fatal(err)
	}
	rec.waitFor(t, 0, "reconnecting") // the first handshake was refused
	hooks(c)                          // Connecting, in a backoff wait of 30-90 s that OnForeground cuts short
	i := rec.waitFor(t, 0, `open proto="" reconnect=false`)
	hooks(c) // Open: probes
	if err := c.SendText("still open", nil); err != nil {
		t.Fatal(err)
	}
	rec.waitFor(t, i, "text still open")
	closeAndCheck(t, c, rec, `close 1000 "" final=true`)
	hooks(c) // Closed
	checkLastFinal(t, rec)
	if got := c.State(); got != stateClosed {
		t.Fatalf("State = %s", got)
	}
}

func TestNetworkChangeCutsBackoff(t *testing.T) {
	srv := startServer(t)
	cfg := NewConfig()
	cfg.ReconnectInitialMillis, cfg.ReconnectMaxMillis = 60000, 60000 // never waited out here
	c, rec := newTestClient(t, srv.URL("/chaos?drop_after=50&key=netchange"), cfg)
	if err := c.Connect(nil); err != nil {
		t.Fatal(err)
	}
	i := rec.waitFor(t, 0, "reconnecting") + 1
	if got := c.State(); got != stateReconnecting {
		t.Fatalf("State = %s, want Reconnecting", got)
	}
	c.OnNetworkChange()
	i = rec.waitFor(t, i, `open proto="" reconnect=true`)
	i = 1 + rec.waitFor(t, i, "reconnecting") // dropped again
	c.OnForeground()
	rec.waitFor(t, i, `open proto="" reconnect=true`)
}

func TestCloseInBackground(t *testing.T) {
	srv := startServer(t)
	cfg := fastConfig()
	cfg.CloseInBackground = true
	c, rec := newTestClient(t, srv.URL("/echo"), cfg)
	if err := c.Connect(nil); err != nil {
		t.Fatal(err)
	}
	c.OnBackground()
	i := rec.waitFor(t, 0, `close 1001 "app in background" final=true`)
	if got := c.State(); got != stateIdle {
		t.Fatalf("State in background = %s, want Idle", got)
	}
	if n := rec.count("error"); n != 0 {
		t.Fatalf("OnBackground reported %d errors: %q", n, rec.snapshot())
	}
	c.OnForeground()
	i = rec.waitFor(t, i, `open proto="" reconnect=true`)
	if err := c.SendText("back", nil); err != nil {
		t.Fatal(err)
	}
	rec.waitFor(t, i, "text back")

	// Back to the foreground before the background close finished.
	c.OnBackground()
	c.OnForeground()
	i = rec.waitFor(t, i, `close 1001 "app in background" final=true`)
	rec.waitFor(t, i, `open proto="" reconnect=true`)
}

func TestKeepInBackground(t *testing.T) {
	srv := startServer(t)
	c, rec := newTestClient(t, srv.URL("/echo"), NewConfig())
	if err := c.Connect(nil); err != nil {
		t.Fatal(err)
	}
	c.OnBackground()
	if err := c.SendText("bg", nil); err != nil {
		t.Fatal(err)
	}
	rec.waitFor(t, 0, "text bg")
	if got := c.State(); got != stateOpen {
		t.Fatalf("State = %s, want Open", got)
	}
}
