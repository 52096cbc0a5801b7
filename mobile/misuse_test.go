//go:build !js

package mobile

import (
	"strings"
	"sync"
	"testing"
)

func TestCloseIdempotent(t *testing.T) {
	srv := startServer(t)
	c, rec := newTestClient(t, srv.URL("/echo"), nil)
	if err := c.Close(); err != nil { // before Connect: nothing to report
		t.Fatal(err)
	}
	if n := len(rec.snapshot()); n != 0 {
		t.Fatalf("Close before Connect reported %d events", n)
	}

	c, rec = newTestClient(t, srv.URL("/echo"), nil)
	if err := c.Connect(nil); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			if err := c.Close(); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	c.CloseAsync()
	closeAndCheck(t, c, rec, `close 1000 "" final=true`)
	if n := rec.count("close"); n != 1 {
		t.Fatalf("%d OnClose calls, want 1: %q", n, rec.snapshot())
	}
	checkLastFinal(t, rec)
	if err := c.CloseWithStatus(1005, ""); ErrorKindOf(err) != kindInvalid {
		t.Fatalf("CloseWithStatus(1005) = %v", err)
	}
}

func TestBadURLAndConfig(t *testing.T) {
	for _, url := range []string{"", "not a url", "ftp://example.com/", "ws://", "::"} {
		c, rec := newTestClient(t, url, nil)
		err := c.Connect(nil)
		if ErrorKindOf(err) != kindInvalid {
			t.Errorf("Connect(%q) = %v (kind %q), want kind invalid", url, err, ErrorKindOf(err))
		}
		rec.waitFor(t, 0, `close 1006 "" final=true`)
		if c.State() != stateIdle {
			t.Errorf("State after a failed Connect = %s", c.State())
		}
		if err := c.ConnectAsync(); err != nil {
			t.Fatalf("ConnectAsync(%q) = %v, want the error reported to the Listener", url, err)
		}
		rec.waitFor(t, 2, "error invalid")
	}
	bad := []func(*Config){
		func(c *Config) { c.ReconnectInitialMillis = -1 },
		func(c *Config) { c.OutboxMaxMessages = -5 },
		func(c *Config) { c.Subprotocols = "good, not good" },
		func(c *Config) { c.Subprotocols = "dup, dup" },
		func(c *Config) { c.HeartbeatPong = "pong" },
		func(c *Config) { c.ReconnectInitialMillis, c.ReconnectMaxMillis = 5000, 10 },
	}
	for i, mutate := range bad {
		cfg := NewConfig()
		mutate(cfg)
		if _, err := NewClient("ws://127.0.0.1:1/", cfg, nil); ErrorKindOf(err) != kindInvalid {
			t.Errorf("config #%d: NewClient = %v, want kind invalid", i, err)
		}
	}
}

func TestSendStates(t *testing.T) {
	srv := startServer(t)
	c, rec := newTestClient(t, srv.URL("/echo"), nil)
	if err := c.SendText("early", nil); ErrorKindOf(err) != kindState {
		t.Fatalf("SendText before Connect = %v", err)
	}
	if err := c.EnqueueText("early"); ErrorKindOf(err) != kindState {
		t.Fatalf("EnqueueText before Connect = %v", err)
	}
	if err := c.Connect(nil); err != nil {
		t.Fatal(err)
	}
	if err := c.Connect(nil); ErrorKindOf(err) != kindState {
		t.Fatalf("second Connect = %v", err)
	}
	if err := c.EnqueueText("\xff"); ErrorKindOf(err) != kindInvalid {
		t.Fatalf("EnqueueText(invalid UTF-8) = %v", err)
	}
	closeAndCheck(t, c, rec, `close 1000 "" final=true`)
	for name, send := range map[string]func() error{
		"SendText":      func() error { return c.SendText("late", nil) },
		"SendBinary":    func() error { return c.SendBinary([]byte{1}, nil) },
		"EnqueueText":   func() error { return c.EnqueueText("late") },
		"EnqueueBinary": func() error { return c.EnqueueBinary([]byte{1}) },
		"Connect":       func() error { return c.Connect(nil) },
		"ConnectAsync":  c.ConnectAsync,
	} {
		if err := send(); ErrorKindOf(err) != kindClosed || !strings.HasPrefix(err.Error(), "tether:") {
			t.Errorf("%s after Close = %v (kind %q)", name, err, ErrorKindOf(err))
		}
	}
	checkLastFinal(t, rec)
}

func TestCloseFromListener(t *testing.T) {
	srv := startServer(t)
	c, rec := newTestClient(t, srv.URL("/echo"), nil)
	closed := make(chan error, 1)
	rec.hook = func(ev string) {
		if ev == "text bye" {
			closed <- c.Close()
		}
	}
	if err := c.Connect(nil); err != nil {
		t.Fatal(err)
	}
	if err := c.EnqueueText("bye"); err != nil {
		t.Fatal(err)
	}
	if err := <-closed; err != nil {
		t.Fatal(err)
	}
	rec.waitFor(t, 0, `close 1000 "" final=true`)
	checkLastFinal(t, rec)
}

func TestConnectFailures(t *testing.T) {
	srv := startServer(t)
	c, rec := newTestClient(t, srv.URL("/reject?status=403"), nil)
	if err := c.Connect(nil); ErrorKindOf(err) != kindHandshake {
		t.Fatalf("Connect to a 403 = %v (kind %q)", err, ErrorKindOf(err))
	}
	i := rec.waitFor(t, 0, "error handshake: tether:")
	rec.waitFor(t, i, `close 1006 "" final=true`)

	c, rec = newTestClient(t, "ws://127.0.0.1:1/", nil) // nothing listens on port 1
	if err := c.ConnectAsync(); err != nil {
		t.Fatal(err)
	}
	i = rec.waitFor(t, 0, "error network")
	rec.waitFor(t, i, `close 1006 "" final=true`)

	cfg := NewConfig()
	cfg.RequireSubprotocol = true
	cfg.Subprotocols = "chat.v1"
	c, rec = newTestClient(t, srv.URL("/subprotocol/none"), cfg)
	if err := c.Connect(nil); ErrorKindOf(err) != kindSubprotocol {
		t.Fatalf("Connect without the required subprotocol = %v", err)
	}
	rec.waitFor(t, 0, "error subprotocol")
}
