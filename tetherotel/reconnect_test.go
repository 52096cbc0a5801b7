package tetherotel

import (
	"context"
	"testing"
	"time"

	"github.com/tetherws/tether/reconnect"
	"github.com/tetherws/tether/sdk"
	"github.com/tetherws/tether/transport"
	"go.opentelemetry.io/otel/codes"
	semconv "go.opentelemetry.io/otel/semconv/v1.43.0"
)

// events are channels fed by the test's own callbacks, which Instrument
// must keep and run after recording.
type events struct {
	open      chan sdk.OpenEvent
	heartbeat chan sdk.HeartbeatEvent
	unsent    chan sdk.UnsentEvent
	closed    chan struct{} // the StateChangeEvent to Closed ran
}

func newEvents() *events {
	return &events{open: make(chan sdk.OpenEvent, 8), heartbeat: make(chan sdk.HeartbeatEvent, 64),
		unsent: make(chan sdk.UnsentEvent, 8), closed: make(chan struct{})}
}

// options returns Options whose OnEvent feeds e; reconnects wait 1 ms.
func (e *events) options() *sdk.Options {
	return &sdk.Options{
		Reconnect: reconnect.Policy{InitialDelay: time.Millisecond},
		OnEvent:   e.record,
	}
}

func (e *events) record(ev sdk.Event) {
	switch ev := ev.(type) {
	case sdk.OpenEvent:
		e.open <- ev
	case sdk.HeartbeatEvent:
		e.heartbeat <- ev
	case sdk.UnsentEvent:
		e.unsent <- ev
	case sdk.StateChangeEvent:
		if ev.To == sdk.Closed {
			close(e.closed)
		}
	}
}

// onConnecting makes opts.OnEvent call f at each ConnectingEvent too.
func onConnecting(opts *sdk.Options, f func()) {
	next := opts.OnEvent
	opts.OnEvent = func(ev sdk.Event) {
		if _, ok := ev.(sdk.ConnectingEvent); ok {
			f()
		}
		next(ev)
	}
}

// TestDropAndReconnect connects, echoes messages, has the server drop the
// connection, waits for the reconnect and checks every figure.
func TestDropAndReconnect(t *testing.T) {
	h, srv, ev := newHarness(t), newEchoServer(t), newEvents()
	ctx := context.Background()
	c, err := sdk.Dial(ctx, srv.URL, h.Instrument(ev.options()))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	stop := h.Observe(c)
	defer stop()
	if first := <-ev.open; first.Reconnect {
		t.Fatalf("first OpenEvent: %+v", first)
	}
	sent := echo(t, c, "a", "bb", "ccc")
	<-ev.heartbeat // Flush's confirming ping was answered
	(<-srv.accepted).CloseNow()
	if second := <-ev.open; !second.Reconnect || second.Attempt != 2 {
		t.Fatalf("second OpenEvent: %+v", second)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	<-ev.closed // Close does not wait for callbacks when one is running as it is called
	checkReconnectFigures(t, h.collect(t), sent)
	checkReconnectSpans(t, h)
}

// echo sends each text, reads it back and waits until the server has read
// them all (Flush); it returns the bytes sent.
func echo(t *testing.T, c *sdk.Client, texts ...string) (n int64) {
	t.Helper()
	ctx := context.Background()
	for _, s := range texts {
		if err := c.Send(ctx, transport.TextMessage(s)); err != nil {
			t.Fatal(err)
		}
		if m, err := c.Receive(ctx); err != nil || m.Text() != s {
			t.Fatalf("Receive = %q, %v; want %q", m.Text(), err, s)
		}
		n += int64(len(s))
	}
	if err := c.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	return n
}

func checkReconnectFigures(t *testing.T, f figures, sent int64) {
	t.Helper()
	checks := []struct {
		name      string
		got, want int64
	}{
		{"attempts opened", f.sum(nameAttempts, keyOutcome.String(outcomeOpened)), 2},
		{"reconnects", f.sum(nameReconnects), 1},
		{"reconnect durations", int64(f.count(nameReconnectDuration)), 1},
		{"messages sent", f.sum(nameMessages, semconv.NetworkIODirectionTransmit), 3},
		{"messages received", f.sum(nameMessages, semconv.NetworkIODirectionReceive), 3},
		{"bytes sent", f.sum(nameIO, semconv.NetworkIODirectionTransmit), sent},
		{"bytes received", f.sum(nameIO, semconv.NetworkIODirectionReceive), sent},
		{"buffered", f.sum(nameBuffered), 0},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %d, want %d", c.name, c.got, c.want)
		}
	}
	if f.count(nameRTT) == 0 {
		t.Error("no heartbeat RTT recorded")
	}
	if _, ok := f.find(nameUnsent); ok {
		t.Error("messages counted as unsent; every one was confirmed")
	}
}

func checkReconnectSpans(t *testing.T, h *harness) {
	t.Helper()
	spans := h.endedSpans()
	if len(spans) != 2 {
		t.Fatalf("%d connection spans, want 2", len(spans))
	}
	first, second := spans[0], spans[1]
	if code := attr(first, keyCloseCode).AsInt64(); code != 1006 {
		t.Errorf("first span: close code %d, want 1006", code)
	}
	if attr(first, keyCloseClean).AsBool() || first.Status().Code != codes.Error {
		t.Errorf("first span: clean %v, status %v; want an unclean close with status Error",
			attr(first, keyCloseClean).AsBool(), first.Status())
	}
	if code := attr(second, keyCloseCode).AsInt64(); code != 1000 || !attr(second, keyCloseFinal).AsBool() {
		t.Errorf("second span: close code %d, final %v; want 1000, true", code, attr(second, keyCloseFinal).AsBool())
	}
	if !attr(second, keyReconnect).AsBool() || !attr(second, keyCloseClean).AsBool() || second.Status().Code == codes.Error {
		t.Errorf("second span: reconnect %v, clean %v, status %v", attr(second, keyReconnect).AsBool(),
			attr(second, keyCloseClean).AsBool(), second.Status())
	}
}
