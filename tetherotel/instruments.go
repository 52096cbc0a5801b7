package tetherotel

import (
	"errors"

	"go.opentelemetry.io/otel/metric"
)

// Instrument names; the README's table lists their units and attributes.
const (
	nameAttempts          = "tether.connection.attempts"
	nameReconnects        = "tether.reconnects"
	nameReconnectDuration = "tether.reconnect.duration"
	nameRTT               = "tether.heartbeat.rtt"
	nameUnsent            = "tether.unsent"
	nameBuffered          = "tether.send.buffered"
	nameMessages          = "tether.messages"
	nameIO                = "tether.io"
)

// Explicit histogram buckets, in seconds. The SDK's default boundaries are
// meant for milliseconds and would put every value in the first bucket.
var (
	reconnectBuckets = []float64{0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300}
	rttBuckets       = []float64{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}
)

// instruments are an Instrumenter's instruments, created once by New.
type instruments struct {
	attempts          metric.Int64Counter
	reconnects        metric.Int64Counter
	reconnectDuration metric.Float64Histogram
	rtt               metric.Float64Histogram
	unsent            metric.Int64Counter
	buffered          metric.Int64ObservableUpDownCounter
	messages          metric.Int64ObservableCounter
	io                metric.Int64ObservableCounter
}

func newInstruments(m metric.Meter) (instruments, error) {
	var ins instruments
	var err [8]error
	ins.attempts, err[0] = m.Int64Counter(nameAttempts, metric.WithUnit("{attempt}"),
		metric.WithDescription("Connection attempts, by outcome."))
	ins.reconnects, err[1] = m.Int64Counter(nameReconnects, metric.WithUnit("{reconnect}"),
		metric.WithDescription("Connections opened again after a lost connection."))
	ins.reconnectDuration, err[2] = m.Float64Histogram(nameReconnectDuration, metric.WithUnit("s"),
		metric.WithDescription("Time from a lost connection to the next open connection."),
		metric.WithExplicitBucketBoundaries(reconnectBuckets...))
	ins.rtt, err[3] = m.Float64Histogram(nameRTT, metric.WithUnit("s"),
		metric.WithDescription("Round-trip time of answered heartbeat pings."),
		metric.WithExplicitBucketBoundaries(rttBuckets...))
	ins.unsent, err[4] = m.Int64Counter(nameUnsent, metric.WithUnit("{message}"),
		metric.WithDescription("Messages handed back to the caller unsent or unconfirmed, by reason."))
	ins.buffered, err[5] = m.Int64ObservableUpDownCounter(nameBuffered, metric.WithUnit("By"),
		metric.WithDescription("Bytes given to the clients and not yet handed to the network."))
	ins.messages, err[6] = m.Int64ObservableCounter(nameMessages, metric.WithUnit("{message}"),
		metric.WithDescription("Data messages written and read, by direction; heartbeats excluded."))
	ins.io, err[7] = m.Int64ObservableCounter(nameIO, metric.WithUnit("By"),
		metric.WithDescription("Payload bytes of the data messages written and read, by direction."))
	return ins, errors.Join(err[:]...)
}

// observables lists the instruments the fleet's callback reports.
func (ins *instruments) observables() []metric.Observable {
	return []metric.Observable{ins.buffered, ins.messages, ins.io}
}
