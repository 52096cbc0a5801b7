package tetherotel

import (
	"context"
	"testing"

	"github.com/tetherws/tether/sdk"
	"go.opentelemetry.io/otel/attribute"
	semconv "go.opentelemetry.io/otel/semconv/v1.43.0"
)

// TestFleetTotals observes two clients with one Instrumenter: the counts are
// summed, and stay when a client is let go (stop) or closes.
func TestFleetTotals(t *testing.T) {
	h, srv := newHarness(t), newEchoServer(t)
	a, b := dial(t, h, srv.URL), dial(t, h, srv.URL)
	stopA := h.Observe(a)
	h.Observe(b)
	h.Observe(b) // observing twice counts once
	bytes := echo(t, a, "aa", "bb") + echo(t, b, "c")
	checkTotals(t, h, "both observed", 3, bytes)
	stopA()
	stopA()
	checkTotals(t, h, "a let go", 3, bytes)
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	checkTotals(t, h, "b closed", 3, bytes)
	if n := len(h.fleet.clients); n != 0 {
		t.Errorf("%d clients still held after a collection; want 0", n)
	}
	if err := h.Close(); err != nil {
		t.Fatal(err)
	}
	if _, ok := h.collect(t).find(nameMessages); ok {
		t.Error("tether.messages still reported after Instrumenter.Close")
	}
}

func dial(t *testing.T, h *harness, url string) *sdk.Client {
	t.Helper()
	c, err := sdk.Dial(context.Background(), url, h.Instrument(nil))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

func checkTotals(t *testing.T, h *harness, when string, messages, bytes int64) {
	t.Helper()
	f := h.collect(t)
	for _, dir := range []attribute.KeyValue{semconv.NetworkIODirectionTransmit, semconv.NetworkIODirectionReceive} {
		if m, n := f.sum(nameMessages, dir), f.sum(nameIO, dir); m != messages || n != bytes {
			t.Errorf("%s: %s %d messages, %d bytes; want %d, %d", when, dir.Value.AsString(), m, n, messages, bytes)
		}
	}
}
