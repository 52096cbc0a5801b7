package tetherotel

import (
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"
	semconv "go.opentelemetry.io/otel/semconv/v1.43.0"
)

// Attribute keys. Metric attributes take a few fixed values each (listed in
// the README); span attributes describe one connection.
const (
	keyOutcome      = attribute.Key("tether.connection.outcome")
	keyUnsentReason = attribute.Key("tether.unsent.reason")
	keyAttempt      = attribute.Key("tether.connection.attempt")
	keyReconnect    = attribute.Key("tether.connection.reconnect")
	keySubprotocol  = attribute.Key("tether.subprotocol")
	keyCloseCode    = attribute.Key("tether.close.code")
	keyCloseReason  = attribute.Key("tether.close.reason")
	keyCloseClean   = attribute.Key("tether.close.clean")
	keyCloseFinal   = attribute.Key("tether.close.final")
)

// Values of tether.connection.outcome.
const (
	outcomeOpened   = "opened"
	outcomeFailed   = "failed"
	outcomeCanceled = "canceled"
)

// Attribute sets built once: the options that record them allocate nothing.
var (
	optOpened   = metric.WithAttributeSet(attribute.NewSet(keyOutcome.String(outcomeOpened)))
	optCanceled = metric.WithAttributeSet(attribute.NewSet(keyOutcome.String(outcomeCanceled)))
	optTransmit = metric.WithAttributeSet(attribute.NewSet(semconv.NetworkIODirectionTransmit))
	optReceive  = metric.WithAttributeSet(attribute.NewSet(semconv.NetworkIODirectionReceive))
)

// optFailed is the attribute option of a failed attempt with error class t.
func optFailed(t string) metric.MeasurementOption {
	return metric.WithAttributes(keyOutcome.String(outcomeFailed), semconv.ErrorTypeKey.String(t))
}

// optUnsent is the attribute option of messages handed back for reason r.
func optUnsent(r string) metric.MeasurementOption {
	return metric.WithAttributes(keyUnsentReason.String(r))
}
