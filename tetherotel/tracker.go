package tetherotel

import (
	"context"
	"sync"
	"time"

	"github.com/tetherws/tether/sdk"
	"go.opentelemetry.io/otel/codes"
	semconv "go.opentelemetry.io/otel/semconv/v1.43.0"
	"go.opentelemetry.io/otel/trace"
)

// spanName is the name of the span of one connection attempt and, when it
// opens, of the connection's lifetime.
const spanName = "tether.connection"

// tracker turns one client's events into measurements and spans. The client
// runs its callbacks in order on one goroutine; mu only keeps an Options
// wrongly shared by two clients free of data races.
type tracker struct {
	in *Instrumenter

	mu     sync.Mutex
	span   trace.Span // the current attempt or connection; nil between them
	lostAt time.Time  // when the last connection was lost; zero once reopened
}

// connecting starts the span of an attempt.
func (t *tracker) connecting(ev sdk.ConnectingEvent) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.endSpan() // an attempt whose end no event reported
	t.startSpan(ev.Attempt)
}

// startSpan starts the span of attempt; 0: the attempt's number is unknown.
func (t *tracker) startSpan(attempt int) {
	_, t.span = t.in.tracer.Start(context.Background(), spanName,
		trace.WithSpanKind(trace.SpanKindClient),
		trace.WithAttributes(semconv.NetworkProtocolName("websocket")))
	if attempt > 0 {
		t.span.SetAttributes(keyAttempt.Int(attempt))
	}
}

func (t *tracker) endSpan() {
	if t.span != nil {
		t.span.End()
		t.span = nil
	}
}

// open counts an opened attempt and, after a loss, the reconnect.
func (t *tracker) open(ev sdk.OpenEvent) {
	t.mu.Lock()
	defer t.mu.Unlock()
	ctx := context.Background()
	t.in.ins.attempts.Add(ctx, 1, optOpened)
	if t.span == nil { // no ConnectingEvent came first
		t.startSpan(ev.Attempt)
	}
	t.span.SetAttributes(keyOutcome.String(outcomeOpened),
		keySubprotocol.String(ev.Subprotocol), keyReconnect.Bool(ev.Reconnect))
	t.span.AddEvent("open")
	if !ev.Reconnect {
		return
	}
	t.in.ins.reconnects.Add(ctx, 1)
	if !t.lostAt.IsZero() {
		t.in.ins.reconnectDuration.Record(ctx, time.Since(t.lostAt).Seconds())
		t.lostAt = time.Time{}
	}
}

// stateChange counts an attempt that ended without opening: the client
// leaves Connecting for a state other than Open.
func (t *tracker) stateChange(ev sdk.StateChangeEvent) {
	if ev.From != sdk.Connecting || ev.To == sdk.Open {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if canceled(ev.Cause) {
		t.in.ins.attempts.Add(context.Background(), 1, optCanceled)
		if t.span != nil {
			t.span.SetAttributes(keyOutcome.String(outcomeCanceled))
		}
		t.endSpan()
		return
	}
	class := errorType(ev.Cause)
	t.in.ins.attempts.Add(context.Background(), 1, optFailed(class))
	if t.span == nil { // the attempt failed before its ConnectingEvent (BeforeDial)
		t.startSpan(0)
	}
	t.span.SetAttributes(keyOutcome.String(outcomeFailed), semconv.ErrorTypeKey.String(class))
	t.span.SetStatus(codes.Error, class)
	t.endSpan()
}

// close ends the connection's span and notes the loss a reconnect follows.
func (t *tracker) close(ev sdk.CloseEvent) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if !ev.Final {
		t.lostAt = time.Now()
	}
	if t.span == nil {
		return
	}
	clean := cleanClose(ev)
	t.span.SetAttributes(keyCloseCode.Int(ev.Code), keyCloseReason.String(ev.Reason),
		keyCloseClean.Bool(clean), keyCloseFinal.Bool(ev.Final))
	if !clean {
		t.span.SetStatus(codes.Error, "connection closed without a close handshake")
	}
	t.endSpan()
}

func (t *tracker) heartbeat(ev sdk.HeartbeatEvent) {
	t.in.ins.rtt.Record(context.Background(), ev.RTT.Seconds())
}

func (t *tracker) unsent(ev sdk.UnsentEvent) {
	t.in.ins.unsent.Add(context.Background(), int64(len(ev.Messages)), optUnsent(unsentReason(ev.Err)))
}
