//go:build !js

package mobile

import (
	"testing"
)

// slowConnect returns a config whose failed first attempts wait a long backoff.
func slowConnect() *Config {
	cfg := NewConfig()
	cfg.RetryFirstDial = true
	cfg.ReconnectInitialMillis, cfg.ReconnectMaxMillis = 60000, 60000
	return cfg
}

func TestConnectWithCancel(t *testing.T) {
	srv := startServer(t)
	c, rec := newTestClient(t, srv.URL("/reject?status=503"), slowConnect())
	h := NewCancel()
	done := make(chan error, 1)
	go func() { done <- c.ConnectWithCancel(h) }()
	rec.waitFor(t, 0, "reconnecting") // in the backoff wait
	if got := c.State(); got != StateReconnecting {
		t.Fatalf("State = %s", got)
	}
	h.Cancel()
	if err := <-done; ErrorKindOf(err) != ErrorKindCancelled {
		t.Fatalf("ConnectWithCancel = %v (kind %q)", err, ErrorKindOf(err))
	}
	if !h.Cancelled() {
		t.Fatal("Cancelled() = false")
	}
	rec.waitFor(t, 0, `close 1006 "" final=true`)
	checkLastFinal(t, rec)

	// A handle cancelled beforehand fails at once; a nil one never cancels.
	if err := c.ConnectWithCancel(h); ErrorKindOf(err) != ErrorKindCancelled {
		t.Fatalf("ConnectWithCancel(cancelled) = %v", err)
	}
	var zero Cancel
	zero.Cancel()
	if !zero.Cancelled() || (*Cancel)(nil).Cancelled() {
		t.Fatal("zero or nil Cancel misbehaves")
	}
}

func TestCloseInterruptsConnectAndSend(t *testing.T) {
	srv := startServer(t)
	c, rec := newTestClient(t, srv.URL("/reject?status=503"), slowConnect())
	connected := make(chan error, 1)
	go func() { connected <- c.Connect() }()
	rec.waitFor(t, 0, "reconnecting")
	sent := make(chan error, 1)
	go func() { sent <- c.SendText("waits for the connection") }()
	if err := c.EnqueueText("queued during connect"); err != nil {
		t.Fatal(err)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if err := <-connected; ErrorKindOf(err) != ErrorKindClosed {
		t.Fatalf("Connect interrupted by Close = %v", err)
	}
	if err := <-sent; ErrorKindOf(err) != ErrorKindClosed {
		t.Fatalf("SendText interrupted by Close = %v", err)
	}
	i := rec.waitFor(t, 0, "unsent binary=false queued during connect")
	rec.waitFor(t, i, `close 1000 "" final=true`)
	checkLastFinal(t, rec)
	if n := rec.count("error"); n != 1 { // only the refused handshake
		t.Fatalf("errors: %q", rec.snapshot())
	}
}

func TestSendWithCancel(t *testing.T) {
	srv := startServer(t)
	cfg := slowConnect()
	cfg.RetryFirstDial = false
	c, rec := newTestClient(t, srv.URL("/chaos?drop_after=30&key=sendcancel"), cfg)
	if err := c.Connect(); err != nil {
		t.Fatal(err)
	}
	rec.waitFor(t, 0, "reconnecting") // reconnecting for a minute: sends wait
	h := NewCancel()
	done := make(chan error, 1)
	go func() { done <- c.SendBinaryWithCancel([]byte("x"), h) }()
	h.Cancel()
	if err := <-done; ErrorKindOf(err) != ErrorKindCancelled {
		t.Fatalf("SendBinaryWithCancel = %v", err)
	}
	if err := c.SendTextWithCancel("y", h); ErrorKindOf(err) != ErrorKindCancelled {
		t.Fatalf("SendTextWithCancel(cancelled) = %v", err)
	}
}

func TestEnqueueDuringConnect(t *testing.T) {
	srv := startServer(t)
	cfg := fastConfig()
	cfg.RetryFirstDial = true
	c, rec := newTestClient(t, srv.URL("/echo?fail_first=2&key=early"), cfg)
	if err := c.ConnectAsync(); err != nil {
		t.Fatal(err)
	}
	for _, m := range []string{"one", "two", "three"} {
		if err := c.EnqueueText(m); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.EnqueueBinary([]byte{4}); err != nil {
		t.Fatal(err)
	}
	i := rec.waitFor(t, 0, `open proto="" reconnect=false`)
	for _, want := range []string{"text one", "text two", "text three", "binary 04"} {
		i = rec.waitFor(t, i, want)
	}
}
