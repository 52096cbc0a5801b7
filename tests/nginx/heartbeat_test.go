//go:build !js

package nginx

import (
	"context"
	"encoding/json"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/tetherws/tether/heartbeat"
	"github.com/tetherws/tether/internal/testserver"
	"github.com/tetherws/tether/sdk"
	"github.com/tetherws/tether/transport"
)

// Timing of the tests, against nginx's 3 s readTimeout.
const (
	hbInterval = time.Second     // a heartbeat every second
	hbTimeout  = 2 * time.Second // generous: the machine may be busy
	keepFor    = 10 * time.Second
	// cutMin and cutMax bound when nginx cuts a silent connection: near
	// readTimeout, loosely, for a busy machine.
	cutMin = readTimeout - 500*time.Millisecond
	cutMax = 2 * readTimeout
)

// TestNginx starts the test server and nginx in front of it, then runs the
// cases in parallel through nginx.
func TestNginx(t *testing.T) {
	srv, err := testserver.Start("", testserver.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	base := "ws://" + startNginx(t, srv.Addr())
	t.Run("application heartbeats keep the connection", func(t *testing.T) {
		t.Parallel()
		keepsOpen(t, base+"/chaos?app_ping=1", heartbeat.ModeApplication)
	})
	t.Run("protocol heartbeats keep the connection", func(t *testing.T) {
		t.Parallel()
		keepsOpen(t, base+"/echo", heartbeat.ModeProtocol)
	})
	t.Run("silent connection is cut", func(t *testing.T) {
		t.Parallel()
		isCut(t, base+"/echo")
	})
}

// keepsOpen holds a client with heartbeats every second open for keepFor,
// idle but for the heartbeats, and checks that it was never closed or
// reconnected and still echoes at the end.
func keepsOpen(t *testing.T, url string, mode heartbeat.Mode) {
	ev := &events{closed: make(chan struct{})}
	o := ev.attach(&sdk.Options{})
	o.Heartbeat.Mode, o.Heartbeat.Interval, o.Heartbeat.Timeout = mode, hbInterval, hbTimeout
	if mode == heartbeat.ModeApplication {
		jsonPing(&o.Heartbeat)
	}
	c := dial(t, url, o)
	select {
	case <-time.After(keepFor):
	case <-ev.closed:
		t.Fatalf("closed through nginx before %v: %+v", keepFor, ev.snapshot())
	}
	s := ev.snapshot()
	if s.closes != 0 || s.reconnects != 0 {
		t.Fatalf("after %v: %d close and %d reconnecting events (%v), want none", keepFor, s.closes, s.reconnects, s.causes)
	}
	if want := int(keepFor / hbTimeout); s.pongs < want {
		t.Fatalf("after %v: %d answered heartbeats, want at least %d", keepFor, s.pongs, want)
	}
	t.Logf("%v mode: %d answered heartbeats in %v through nginx", mode, s.pongs, keepFor)
	echo(t, c)
}

// isCut opens a client without heartbeats or reconnect, exchanges one message
// and checks that nginx cuts the silent connection near readTimeout later.
func isCut(t *testing.T, url string) {
	ev := &events{closed: make(chan struct{})}
	o := ev.attach(&sdk.Options{})
	o.Heartbeat.Mode = heartbeat.ModeOff
	o.Reconnect.Disabled = true
	c := dial(t, url, o)
	echo(t, c)
	last := time.Now()
	select {
	case <-ev.closed:
	case <-time.After(4 * cutMax):
		t.Fatalf("nginx did not cut a connection silent for %v", 4*cutMax)
	}
	s := ev.snapshot()
	silent := s.closedAt.Sub(last)
	if silent < cutMin || silent > cutMax {
		t.Fatalf("nginx cut the connection after %v of silence, want %v to %v", silent, cutMin, cutMax)
	}
	if s.last.Code != 1006 || !s.last.Final || errors.Is(s.last.Cause, sdk.ErrHeartbeatTimeout) {
		t.Fatalf("close event %+v, want a final 1006 (nginx drops the TCP connection)", s.last)
	}
	t.Logf("nginx cut the silent connection after %v: %v", silent.Round(time.Millisecond), s.last.Cause)
}

// jsonPing configures {"type":"ping"} application heartbeats, which the test
// server answers with {"type":"pong"} under app_ping=1.
func jsonPing(cfg *heartbeat.Config) {
	cfg.Ping = func() transport.Message {
		return transport.Message{Type: transport.Text, Data: []byte(`{"type":"ping"}`)}
	}
	cfg.IsPong = func(m transport.Message) bool {
		var v struct{ Type string }
		return json.Unmarshal(m.Data, &v) == nil && v.Type == "pong"
	}
}

func dial(t *testing.T, url string, o *sdk.Options) *sdk.Client {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, err := sdk.Dial(ctx, url, o)
	if err != nil {
		t.Fatalf("Dial(%s): %v", url, err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

// echo sends a message and expects it back within 5 s.
func echo(t *testing.T, c *sdk.Client) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := c.Send(ctx, transport.TextMessage("still here")); err != nil {
		t.Fatalf("SendText: %v", err)
	}
	m, err := c.Receive(ctx)
	if err != nil || m.Text() != "still here" {
		t.Fatalf("Receive = %q, %v; want the echo", m.Text(), err)
	}
}

// events counts a client's events.
type events struct {
	mu     sync.Mutex
	counts counts
	closed chan struct{} // closed at the first CloseEvent
}

// counts is a snapshot of events.
type counts struct {
	pongs, closes, reconnects int
	causes                    []error
	last                      sdk.CloseEvent // the first close
	closedAt                  time.Time      // when it arrived
}

func (e *events) attach(o *sdk.Options) *sdk.Options {
	o.OnEvent = func(ev sdk.Event) {
		switch ev := ev.(type) {
		case sdk.HeartbeatEvent:
			e.update(func(c *counts) { c.pongs++ })
		case sdk.ReconnectingEvent:
			e.update(func(c *counts) { c.reconnects++; c.causes = append(c.causes, ev.Cause) })
		case sdk.CloseEvent:
			e.onClose(ev, time.Now())
		}
	}
	return o
}

func (e *events) onClose(ce sdk.CloseEvent, at time.Time) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.counts.closes++
	e.counts.causes = append(e.counts.causes, ce.Cause)
	if e.counts.closes == 1 {
		e.counts.last, e.counts.closedAt = ce, at
		close(e.closed)
	}
}

func (e *events) update(f func(*counts)) {
	e.mu.Lock()
	defer e.mu.Unlock()
	f(&e.counts)
}

func (e *events) snapshot() counts {
	e.mu.Lock()
	defer e.mu.Unlock()
	s := e.counts
	s.causes = append([]error(nil), s.causes...)
	return s
}
