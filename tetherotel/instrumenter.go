package tetherotel

import (
	"errors"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/metric"
	semconv "go.opentelemetry.io/otel/semconv/v1.43.0"
	"go.opentelemetry.io/otel/trace"
)

// scope is the instrumentation scope of every meter and tracer this package
// asks for.
const scope = "github.com/tetherws/tether/tetherotel"

// Config says where measurements and spans go. The zero value uses the global
// providers (otel.GetMeterProvider and otel.GetTracerProvider), which follow a
// provider set later with otel.SetMeterProvider or otel.SetTracerProvider.
type Config struct {
	// MeterProvider creates the instruments. Nil: otel.GetMeterProvider().
	MeterProvider metric.MeterProvider
	// TracerProvider creates the connection spans. Nil: otel.GetTracerProvider().
	TracerProvider trace.TracerProvider
}

// Instrumenter records the events of any number of clients. Its instruments
// are created once, by New; each instrumented client adds only a small
// record of its current connection. All methods are safe for concurrent use.
// It starts no goroutine: it records on the goroutine that runs a client's
// callbacks and on the goroutine of the meter provider's reader. The zero
// value is not usable: create one with New.
type Instrumenter struct {
	tracer trace.Tracer
	ins    instruments
	fleet  fleet
	reg    metric.Registration // nil once Close ran; guarded by fleet.mu
}

// New creates the instruments and registers the callback of the observable
// ones. It fails only when the meter provider refuses an instrument.
func New(cfg Config) (*Instrumenter, error) {
	mp, tp := cfg.MeterProvider, cfg.TracerProvider
	if mp == nil {
		mp = otel.GetMeterProvider()
	}
	if tp == nil {
		tp = otel.GetTracerProvider()
	}
	meter := mp.Meter(scope, metric.WithSchemaURL(semconv.SchemaURL))
	i := &Instrumenter{tracer: tp.Tracer(scope, trace.WithSchemaURL(semconv.SchemaURL))}
	i.fleet.init()
	ins, err := newInstruments(meter)
	if err != nil {
		return nil, err
	}
	i.ins = ins
	i.reg, err = meter.RegisterCallback(i.fleet.observe(&i.ins), ins.observables()...)
	if err != nil {
		return nil, errors.Join(errors.New("tetherotel: registering the observable instruments' callback"), err)
	}
	return i, nil
}

// Close unregisters the observable instruments' callback: the observed
// clients' counts and buffered bytes are no longer reported. Clients
// already instrumented keep recording their events. Close is idempotent.
func (i *Instrumenter) Close() error {
	i.fleet.mu.Lock()
	reg := i.reg
	i.reg = nil
	i.fleet.mu.Unlock()
	if reg == nil {
		return nil
	}
	return reg.Unregister()
}
