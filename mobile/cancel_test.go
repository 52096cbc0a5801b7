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
	h := new(Cancel)
	done := make(chan error, 1)
	go func() { done <- c.Connect(h) }()
	rec.waitFor(t, 0, "reconnecting") // in the backoff wait
	if got := c.State(); got != stateReconnecting {
		t.Fatalf("State = %s", got)
	}
	h.Cancel()
	if err := <-done; ErrorKindOf(err) != kindCancelled {
		t.Fatalf("ConnectWithCancel = %v (kind %q)", err, ErrorKindOf(err))
	}
	rec.waitFor(t, 0, `close 1006 "" final=true`)
	checkLastFinal(t, rec)

	// A handle cancelled beforehand fails at once; a nil one never cancels.
	if err := c.Connect(h); ErrorKindOf(err) != kindCancelled {
		t.Fatalf("ConnectWithCancel(cancelled) = %v", err)
	}
	var zero Cancel
	zero.Cancel()
	if err := c.Connect(&zero); ErrorKindOf(err) != kindCancelled {
		t.Fatalf("Connect(cancelled zero Cancel) = %v", err)
	}
	if (*Cancel)(nil).context().Err() != nil {
		t.Fatal("a nil Cancel is cancelled")
	}
}

func TestCloseInterruptsConnectAndSend(t *testing.T) {
	srv := startServer(t)
	c, rec := newTestClient(t, srv.URL("/reject?status=503"), slowConnect())
	connected := make(chan error, 1)
	go func() { connected <- c.Connect(nil) }()
	rec.waitFor(t, 0, "reconnecting")
	sent := make(chan error, 1)
	go func() { sent <- c.SendText("waits for the connection", nil) }()
	if err := c.EnqueueText("queued during connect"); err != nil {
		t.Fatal(err)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if err := <-connected; ErrorKindOf(err) != kindClosed {
		t.Fatalf("Connect interrupted by Close = %v", err)
	}
	if err := <-sent; ErrorKindOf(err) != kindClosed {
		t.Fatalf("SendText interrupted by Close = %v", err)
	}
	i := rec.waitFor(t, 0, "unsent maybe=false kind=closed binary=false queued during connect")
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
	if err := c.Connect(nil); err != nil {
		t.Fatal(err)
	}
	rec.waitFor(t, 0, "reconnecting") // reconnecting for a minute: sends wait
	h := new(Cancel)
	done := make(chan error, 1)
	go func() { done <- c.SendBinary([]byte("x"), h) }()
	h.Cancel()
	if err := <-done; ErrorKindOf(err) != kindCancelled {
		t.Fatalf("SendBinaryWithCancel = %v", err)
	}
	if err := c.SendText("y", h); ErrorKindOf(err) != kindCancelled {
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
