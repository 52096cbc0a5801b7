package tetherotel

import (
	"context"
	"testing"

	"go.opentelemetry.io/otel/attribute"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
)

// harness is an Instrumenter wired to an in-memory reader and span recorder.
type harness struct {
	*Instrumenter
	reader *sdkmetric.ManualReader
	spans  *tracetest.SpanRecorder
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	h := &harness{reader: sdkmetric.NewManualReader(), spans: tracetest.NewSpanRecorder()}
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(h.reader))
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(h.spans))
	t.Cleanup(func() {
		_ = mp.Shutdown(context.Background())
		_ = tp.Shutdown(context.Background())
	})
	inst, err := New(Config{MeterProvider: mp, TracerProvider: tp})
	if err != nil {
		t.Fatal(err)
	}
	h.Instrumenter = inst
	return h
}

// figures is one collection of the metrics.
type figures struct{ metricdata.ResourceMetrics }

func (h *harness) collect(t *testing.T) figures {
	t.Helper()
	var rm metricdata.ResourceMetrics
	if err := h.reader.Collect(context.Background(), &rm); err != nil {
		t.Fatal(err)
	}
	return figures{rm}
}

func (f figures) find(name string) (metricdata.Metrics, bool) {
	for _, sm := range f.ScopeMetrics {
		for _, m := range sm.Metrics {
			if m.Name == name {
				return m, true
			}
		}
	}
	return metricdata.Metrics{}, false
}

// sum returns the value of the sum instrument name at exactly attrs (0 when absent).
func (f figures) sum(name string, attrs ...attribute.KeyValue) int64 {
	m, _ := f.find(name)
	s, _ := m.Data.(metricdata.Sum[int64])
	want := attribute.NewSet(attrs...)
	for _, dp := range s.DataPoints {
		if dp.Attributes.Equals(&want) {
			return dp.Value
		}
	}
	return 0
}

// count returns how many values the histogram name holds, over all attributes.
func (f figures) count(name string) uint64 {
	m, _ := f.find(name)
	h, _ := m.Data.(metricdata.Histogram[float64])
	var n uint64
	for _, dp := range h.DataPoints {
		n += dp.Count
	}
	return n
}

// endedSpans returns the ended spans named tether.connection, in order.
func (h *harness) endedSpans() []sdktrace.ReadOnlySpan {
	var out []sdktrace.ReadOnlySpan
	for _, s := range h.spans.Ended() {
		if s.Name() == spanName {
			out = append(out, s)
		}
	}
	return out
}

// attr returns the value of key on s, or an empty value.
func attr(s sdktrace.ReadOnlySpan, key attribute.Key) attribute.Value {
	for _, kv := range s.Attributes() {
		if kv.Key == key {
			return kv.Value
		}
	}
	return attribute.Value{}
}
