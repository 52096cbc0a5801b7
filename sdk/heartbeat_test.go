package sdk

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/tetherws/tether/heartbeat"
	"github.com/tetherws/tether/internal/clock"
	"github.com/tetherws/tether/transport"
)

// answerTimeout is the heartbeat timeout of tests about answered pings: longer
// than any wait in them, so a pong slowed down by a busy machine fails no
// connection; only whether and how the answer is handled is under test.
const answerTimeout = time.Minute

// jsonPing is an application heartbeat the test server answers with app_ping=1.
func jsonPing(cfg *heartbeat.Config) {
	cfg.Mode = heartbeat.ModeApplication
	cfg.Ping = func() transport.Message {
		return transport.Message{Type: transport.Text, Data: []byte(`{"type":"ping"}`)}
	}
	cfg.IsPong = func(m transport.Message) bool {
		var v struct{ Type string }
		return json.Unmarshal(m.Data, &v) == nil && v.Type == "pong"
	}
}

func TestHeartbeatDetectsBlackhole(t *testing.T) {
	for _, mode := range []string{"protocol", "application"} {
		t.Run(mode, func(t *testing.T) {
			if mode == "protocol" && !protocolPings {
				t.Skip("browsers cannot send ping frames")
			}
			rec := newRecorder()
			o := rec.attach(fastReconnect())
			o.Heartbeat.Interval, o.Heartbeat.Timeout = 200*time.Millisecond, 500*time.Millisecond
			if mode == "application" {
				jsonPing(&o.Heartbeat)
			}
			dialT(t, testServerURL(t)+"/chaos?app_ping=1&blackhole_after=300", o)
			ev := rec.waitFor(t, "a heartbeat timeout", func(e any) bool {
				c, ok := e.(CloseEvent)
				return ok && errors.Is(c.Cause, ErrHeartbeatTimeout)
			})
			if ce := ev.(CloseEvent); ce.Code != 4000 || ce.Reason != "heartbeat timeout" || ce.Final {
				t.Fatalf("close event %+v", ce)
			}
			rec.waitFor(t, "a reconnect", isReopen)
		})
	}
}

func TestHeartbeatReportsRTT(t *testing.T) {
	rec := newRecorder()
	o := rec.attach(noReconnect())
	o.Heartbeat.Interval, o.Heartbeat.Timeout = 20*time.Millisecond, answerTimeout
	jsonPing(&o.Heartbeat)
	c := dialT(t, testServerURL(t)+"/chaos?app_ping=1", o)
	rec.waitFor(t, "a heartbeat event", func(e any) bool { h, ok := e.(HeartbeatEvent); return ok && h.RTT > 0 })
	if latest, smoothed := c.RTT(); latest <= 0 || smoothed <= 0 {
		t.Fatalf("RTT() = %v, %v", latest, smoothed)
	}
}

func TestGraphQLProfileHeartbeat(t *testing.T) {
	rec := newRecorder()
	o := rec.attach(noReconnect())
	o.Subprotocols = []string{"graphql-transport-ws"}
	o.Heartbeat.Interval, o.Heartbeat.Timeout = 20*time.Millisecond, answerTimeout
	c := dialT(t, testServerURL(t)+"/chaos?app_ping=1&server_ping_every=20", o)
	if c.Subprotocol() != "graphql-transport-ws" {
		t.Fatalf("Subprotocol = %q", c.Subprotocol())
	}
	rec.waitFor(t, "an answered profile ping", func(e any) bool { _, ok := e.(HeartbeatEvent); return ok })
	ctx := testCtx(t)
	if err := c.Send(ctx, transport.TextMessage("data")); err != nil {
		t.Fatal(err)
	}
	if got := mustReceive(t, c).Text(); got != "data" {
		t.Fatalf("Receive = %q: heartbeat traffic reached the application", got)
	}
}

func TestSlowConsumerIsNotDead(t *testing.T) {
	fake := clock.NewFake(time.Now())
	o := noReconnect()
	o.clock = fake
	o.ReceiveBuffer = 1
	o.Heartbeat.Interval, o.Heartbeat.Timeout = 20*time.Millisecond, 60*time.Millisecond
	jsonPing(&o.Heartbeat)
	o.Heartbeat.RequirePong = true
	c := dialT(t, testServerURL(t)+"/chaos?app_ping=1", o)
	ctx := testCtx(t)
	for i := 0; i < 50; i++ {
		if err := c.Send(ctx, transport.TextMessage("fill")); err != nil {
			t.Fatal(err)
		}
	}
	waitBlocked(t, c)
	// Many heartbeat timeouts pass on the fake clock while nobody receives: the
	// reader is blocked on the full inbox, which counts as life.
	for i := 0; i < 20; i++ {
		if !fake.WaitForTimers(1, ctx.Done()) {
			t.Fatal("the heartbeat driver armed no timer")
		}
		fake.Advance(100 * time.Millisecond)
	}
	for i := 0; i < 50; i++ {
		if got := mustReceive(t, c).Text(); got != "fill" {
			t.Fatalf("message %d = %q", i, got)
		}
	}
	if c.State() != Open {
		t.Fatalf("State = %v: a slow consumer was declared dead", c.State())
	}
}

// waitBlocked waits until the current connection's reader waits for inbox room.
func waitBlocked(t *testing.T, c *Client) {
	t.Helper()
	waitUntil(t, "the reader never blocked on the full inbox", func() bool {
		c.mu.Lock()
		cn := c.conn
		c.mu.Unlock()
		return cn != nil && cn.live.blocked.Load()
	})
}

// TestHeartbeatPingWithoutTypeEndsTheClient: a Ping that builds a message
// with no type (transport.Message's zero Type) is never written; the client
// ends with ErrInvalidOptions, not a corrupt frame or a retry loop.
func TestHeartbeatPingWithoutTypeEndsTheClient(t *testing.T) {
	o := noReconnect()
	o.Heartbeat = heartbeat.Config{Mode: heartbeat.ModeApplication, Interval: 10 * time.Millisecond, Timeout: answerTimeout,
		Messages: heartbeat.Messages{Ping: func() transport.Message { return transport.Message{Data: []byte("ping")} }}}
	o.Reconnect.Disabled = false // a mistake in Options is final even when reconnecting
	c := dialT(t, testServerURL(t)+"/echo", o)
	select {
	case <-c.Done():
	case <-testCtx(t).Done():
		t.Fatal("the client kept running with a Ping that builds an invalid message")
	}
	if err := c.Err(); !errors.Is(err, ErrInvalidOptions) || !errors.Is(err, ErrInvalidArgument) {
		t.Fatalf("Err() = %v, want ErrInvalidOptions and ErrInvalidArgument", err)
	}
}
