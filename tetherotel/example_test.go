package tetherotel_test

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"

	"github.com/coder/websocket"
	"github.com/tetherws/tether/sdk"
	"github.com/tetherws/tether/tetherotel"
	"github.com/tetherws/tether/transport"
	"go.opentelemetry.io/otel/attribute"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

// Example wires an Instrumenter to a client. A program would give it
// providers with exporters (or nil providers, for the global ones); this
// example reads the metrics in memory to show them.
func Example() {
	srv := httptest.NewServer(http.HandlerFunc(echo))
	defer srv.Close()
	reader := sdkmetric.NewManualReader()
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(reader))
	defer mp.Shutdown(context.Background())
	tp := sdktrace.NewTracerProvider()
	defer tp.Shutdown(context.Background())

	inst, err := tetherotel.New(tetherotel.Config{MeterProvider: mp, TracerProvider: tp})
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	closed := make(chan struct{})
	opts := inst.Instrument(&sdk.Options{
		OnEvent: func(ev sdk.Event) { // still called, after the recording
			if s, ok := ev.(sdk.StateChangeEvent); ok && s.To == sdk.Closed {
				close(closed)
			}
		},
	})
	c, err := sdk.Dial(ctx, srv.URL, opts)
	if err != nil {
		log.Fatal(err)
	}
	stop := inst.Observe(c) // message and byte counts, buffered bytes
	defer stop()
	if err := c.Send(ctx, transport.TextMessage("hello")); err != nil {
		log.Fatal(err)
	}
	if _, err := c.Receive(ctx); err != nil {
		log.Fatal(err)
	}
	c.Close()
	<-closed // the last event's callback has run: every event is recorded

	var rm metricdata.ResourceMetrics
	if err := reader.Collect(ctx, &rm); err != nil {
		log.Fatal(err)
	}
	for _, m := range rm.ScopeMetrics[0].Metrics {
		if sum, ok := m.Data.(metricdata.Sum[int64]); ok && m.Name != "tether.send.buffered" {
			for _, dp := range sum.DataPoints {
				fmt.Println(m.Name, m.Unit, dp.Attributes.Encoded(attribute.DefaultEncoder()), dp.Value)
			}
		}
	}
	// Unordered output:
	// tether.connection.attempts {attempt} tether.connection.outcome=opened 1
	// tether.messages {message} network.io.direction=transmit 1
	// tether.messages {message} network.io.direction=receive 1
	// tether.io By network.io.direction=transmit 5
	// tether.io By network.io.direction=receive 5
}

// echo is a WebSocket echo server.
func echo(w http.ResponseWriter, r *http.Request) {
	c, err := websocket.Accept(w, r, nil)
	if err != nil {
		return
	}
	defer c.CloseNow()
	for {
		typ, b, err := c.Read(r.Context())
		if err != nil {
			return
		}
		if err := c.Write(r.Context(), typ, b); err != nil {
			return
		}
	}
}
