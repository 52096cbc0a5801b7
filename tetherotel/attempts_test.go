package tetherotel

import (
	"net/http"
	"testing"

	"github.com/tetherws/tether/sdk"
	semconv "go.opentelemetry.io/otel/semconv/v1.43.0"
)

// TestCloseDuringAttempt: an attempt the client's Close interrupts counts as
// canceled, not failed, and its span carries no error.
func TestCloseDuringAttempt(t *testing.T) {
	h, ev := newHarness(t), newEvents()
	srv := refusingServer(t, http.StatusServiceUnavailable, nil) // answers only once the client leaves
	connecting := make(chan struct{})
	opts := ev.options()
	onConnecting(opts, func() { close(connecting) })
	c, err := sdk.New(srv.URL, h.Instrument(opts))
	if err != nil {
		t.Fatal(err)
	}
	<-connecting
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	<-ev.closed
	f := h.collect(t)
	if got := f.sum(nameAttempts, keyOutcome.String(outcomeCanceled)); got != 1 {
		t.Errorf("canceled attempts = %d, want 1", got)
	}
	spans := h.endedSpans()
	if len(spans) != 1 || attr(spans[0], keyOutcome).AsString() != outcomeCanceled {
		t.Fatalf("want one span with outcome canceled; got %d spans", len(spans))
	}
}

// TestRetriedAttempts: with RetryFirstDial every refused attempt is counted
// and gets its own failed span, until the client gives up.
func TestRetriedAttempts(t *testing.T) {
	h, ev, gate := newHarness(t), newEvents(), make(chan struct{})
	close(gate)
	srv := refusingServer(t, http.StatusServiceUnavailable, gate)
	attempts := 0 // counted on the client's callback goroutine, read after ev.closed
	opts := ev.options()
	opts.Reconnect.RetryFirstDial = true
	opts.Reconnect.MaxAttempts = 2
	onConnecting(opts, func() { attempts++ })
	c, err := sdk.New(srv.URL, h.Instrument(opts))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	<-ev.closed
	t.Logf("%d attempts", attempts)
	if attempts < 2 {
		t.Fatalf("%d attempts; want the first and at least one retry", attempts)
	}
	failed := h.collect(t).sum(nameAttempts, keyOutcome.String(outcomeFailed), semconv.ErrorTypeKey.String(errHTTP5xx))
	if failed != int64(attempts) || len(h.endedSpans()) != attempts {
		t.Errorf("%d attempts: %d counted failed, %d spans", attempts, failed, len(h.endedSpans()))
	}
}
