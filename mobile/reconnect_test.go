//go:build !js

package mobile

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestReconnectAfterDrop has the server drop every connection 200 ms after it
// opens. The client reports the drop and reconnects, and echoes work on the new
// connection. A message written just before a drop may die with it (written is
// not delivered), so each time a connection closes before the echo comes back
// the test sends again, on the next connection.
func TestReconnectAfterDrop(t *testing.T) {
	srv := startServer(t)
	c, rec := newTestClient(t, srv.URL("/chaos?drop_after=200&key=drop"), fastConfig())
	if err := c.Connect(nil); err != nil {
		t.Fatalf("Connect: %v", err)
	}
	i := rec.waitFor(t, 0, "open")
	i = rec.waitFor(t, i, "error network")
	i = rec.waitFor(t, i, `close 1006 "" final=false`)
	i = rec.waitFor(t, i, "reconnecting")
	rec.waitFor(t, i, `open proto="" reconnect=true`)
	for try := 0; ; try++ {
		from := len(rec.snapshot())
		if err := c.SendText(fmt.Sprint("after-", try), nil); err != nil {
			t.Fatalf("SendText after reconnect: %v", err)
		}
		j, got := rec.waitForAny(t, from, "text after-", "close ")
		if got == "text after-" {
			break
		}
		rec.waitFor(t, j, `open proto="" reconnect=true`)
	}
	closeAndCheck(t, c, rec, `close 1000 "" final=true`)
}

// TestOrderAcrossReconnects has the server send a message every few
// milliseconds on connections it drops quickly: every message must arrive
// between an OnOpen and the next OnClose.
func TestOrderAcrossReconnects(t *testing.T) {
	srv := startServer(t)
	cfg := fastConfig()
	cfg.HeartbeatDisabled = true
	c, rec := newTestClient(t, srv.URL("/chaos?drop_after=60&server_ping_every=2&key=order"), cfg)
	if err := c.ConnectAsync(); err != nil {
		t.Fatal(err)
	}
	i := 0
	for range 4 {
		i = rec.waitFor(t, i, "open") + 1
	}
	closeAndCheck(t, c, rec, `close 1000 "" final=true`)
	open := false
	for _, ev := range rec.snapshot() {
		switch {
		case strings.HasPrefix(ev, "open"):
			open = true
		case strings.HasPrefix(ev, "close"):
			open = false
		case strings.HasPrefix(ev, "text") && !open:
			t.Fatalf("message outside a connection: %q in\n%s", ev, strings.Join(rec.snapshot(), "\n"))
		}
	}
	if rec.count("text") == 0 {
		t.Fatal("no message received")
	}
}

func TestGiveUpThenConnectAgain(t *testing.T) {
	srv := startServer(t)
	cfg := fastConfig()
	cfg.ReconnectDisabled = true
	c, rec := newTestClient(t, srv.URL("/chaos?drop_after=50&key=giveup"), cfg)
	if err := c.Connect(nil); err != nil {
		t.Fatal(err)
	}
	rec.waitFor(t, 0, `close 1006 "" final=true`)
	checkLastFinal(t, rec)
	if got := c.State(); got != stateIdle {
		t.Fatalf("State after give-up = %s, want Idle", got)
	}
	if err := c.SendText("x", nil); ErrorKindOf(err) != kindState {
		t.Fatalf("SendText while idle: %v (kind %q)", err, ErrorKindOf(err))
	}
	n := len(rec.snapshot())
	if err := c.Connect(nil); err != nil {
		t.Fatalf("Connect again: %v", err)
	}
	rec.waitFor(t, n, `open proto="" reconnect=true`)
}

func TestHeartbeatTimeout(t *testing.T) {
	srv := startServer(t)
	cfg := slowConnect() // Close then ends a backoff wait, not a silent connection
	cfg.RetryFirstDial = false
	cfg.HeartbeatIntervalMillis = 50
	cfg.HeartbeatTimeoutMillis = 100
	c, rec := newTestClient(t, srv.URL("/chaos?blackhole_after=10&key=hb"), cfg)
	if err := c.Connect(nil); err != nil {
		t.Fatal(err)
	}
	i := rec.waitFor(t, 0, "error heartbeat")
	i = rec.waitFor(t, i, `close 4000 "heartbeat timeout" final=false`)
	rec.waitFor(t, i, "reconnecting")
}

func TestApplicationHeartbeat(t *testing.T) {
	srv := startServer(t)
	cfg := NewConfig()
	cfg.HeartbeatIntervalMillis = 10
	cfg.HeartbeatPing = `{"type":"ping"}`
	cfg.HeartbeatPong = `{"type":"pong"}`
	c, rec := newTestClient(t, srv.URL("/echo?app_ping=1"), cfg)
	if err := c.Connect(nil); err != nil {
		t.Fatal(err)
	}
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	deadline := time.After(10 * time.Second)
	for c.RttMillis() == 0 {
		select {
		case <-tick.C:
		case <-deadline:
			t.Fatalf("no heartbeat answered; events: %q", rec.snapshot())
		}
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if n := rec.count("text"); n != 0 {
		t.Fatalf("%d pongs were delivered to OnMessage", n)
	}
}
