package tetherotel

import (
	"context"
	"net/http"
	"testing"

	"github.com/tetherws/tether/sdk"
	"github.com/tetherws/tether/transport"
	"go.opentelemetry.io/otel/codes"
	semconv "go.opentelemetry.io/otel/semconv/v1.43.0"
)

// TestRefusedFirstAttempt queues messages while the handshake waits, then
// has the server refuse it: the client gives up and hands them back.
func TestRefusedFirstAttempt(t *testing.T) {
	h, ev, gate := newHarness(t), newEvents(), make(chan struct{})
	srv := refusingServer(t, http.StatusServiceUnavailable, gate)
	c, err := sdk.New(srv.URL, h.Instrument(ev.options()))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	defer h.Observe(c)()
	for _, s := range []string{"hello", "hi"} {
		if err := c.Enqueue(transport.TextMessage(s)); err != nil {
			t.Fatal(err)
		}
	}
	if got := h.collect(t).sum(nameBuffered); got != 7 {
		t.Errorf("buffered while connecting = %d, want 7", got)
	}
	close(gate)
	<-ev.closed
	if u := <-ev.unsent; len(u.Messages) != 2 {
		t.Errorf("UnsentEvent with %d messages, want 2", len(u.Messages))
	}
	f := h.collect(t)
	failed := f.sum(nameAttempts, keyOutcome.String(outcomeFailed), semconv.ErrorTypeKey.String(errHTTP5xx))
	if failed != 1 || f.sum(nameAttempts, keyOutcome.String(outcomeOpened)) != 0 {
		t.Errorf("attempts failed with http_5xx = %d (want 1), opened = %d (want 0)",
			failed, f.sum(nameAttempts, keyOutcome.String(outcomeOpened)))
	}
	if got := f.sum(nameUnsent, keyUnsentReason.String(reasonClosed)); got != 2 {
		t.Errorf("unsent closed = %d, want 2", got)
	}
	if got := f.sum(nameBuffered); got != 0 {
		t.Errorf("buffered after the client closed = %d, want 0", got)
	}
	checkFailedSpan(t, h)
}

func checkFailedSpan(t *testing.T, h *harness) {
	t.Helper()
	spans := h.endedSpans()
	if len(spans) != 1 {
		t.Fatalf("%d spans, want 1", len(spans))
	}
	s := spans[0]
	if s.Status().Code != codes.Error || attr(s, semconv.ErrorTypeKey).AsString() != errHTTP5xx {
		t.Errorf("span status %v, error.type %q; want Error, %s", s.Status(), attr(s, semconv.ErrorTypeKey).AsString(), errHTTP5xx)
	}
	if attr(s, keyOutcome).AsString() != outcomeFailed || attr(s, keyCloseCode).Type() != 0 {
		t.Errorf("span outcome %q, close code %v; want failed and none", attr(s, keyOutcome).AsString(), attr(s, keyCloseCode))
	}
}

// TestMaybeDelivered has the server read a message and drop the connection
// before any ping is answered: with HandBackUnconfirmed the message comes
// back as maybe delivered.
func TestMaybeDelivered(t *testing.T) {
	h, srv, ev := newHarness(t), newReadOnceServer(t), newEvents()
	opts := ev.options()
	opts.Reconnect.Disabled = true
	opts.Delivery.HandBackUnconfirmed = true
	c, err := sdk.Dial(context.Background(), srv.URL, h.Instrument(opts))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Send(context.Background(), transport.TextMessage("maybe")); err != nil {
		t.Fatal(err)
	}
	if u := <-ev.unsent; len(u.Messages) != 1 {
		t.Errorf("UnsentEvent with %d messages, want 1", len(u.Messages))
	}
	<-ev.closed
	f := h.collect(t)
	if got := f.sum(nameUnsent, keyUnsentReason.String(reasonMaybe)); got != 1 {
		t.Errorf("unsent maybe_delivered = %d, want 1", got)
	}
	spans := h.endedSpans()
	if len(spans) != 1 || !attr(spans[0], keyCloseFinal).AsBool() || attr(spans[0], keyCloseClean).AsBool() {
		t.Fatalf("want one span of a final, unclean close; got %d spans", len(spans))
	}
}
