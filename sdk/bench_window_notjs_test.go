//go:build !js

package sdk

// Confirmed throughput over a long link: 32 B messages sent through the
// fault proxy with a one-way delay of 10 ms (a 20 ms round trip), then
// confirmed (Flush), against raw coder/websocket writing the same messages
// and one ping after them (its pong proves the server read them all). Run it
// with
//
//	go test -run '^$' -bench SendOverDelay -benchtime 5x ./sdk
//
// The delivery window bounds what may wait for confirmation, so a sender of
// small messages meets it within a round trip; a ping that goes out at half
// the window lets its pong free room before the sender reaches the bound.
// x-raw is raw's time over the sdk's, median over the ops (1.0: as fast).

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/tetherws/tether/transport"
)

const (
	delayOneWay = 10 * time.Millisecond
	delayBurst  = 20_000 // messages per op
)

func BenchmarkSendOverDelay(b *testing.B) {
	proxy, base := benchProxy(b)
	proxy.SetDelay(delayOneWay)
	for _, window := range []int{1024, defaultMaxUnconfirmed} {
		b.Run(fmt.Sprintf("window=%d", window), func(b *testing.B) {
			sendOverDelay(b, base+"/echo", window)
		})
	}
}

func sendOverDelay(b *testing.B, url string, window int) {
	ctx := context.Background()
	payload := make([]byte, 32)
	raw := rawBurst(b, url, payload)
	o := DefaultOptions()
	o.Delivery.MaxUnconfirmed = window
	c := dialBench(b, url, o)
	defer c.Close()
	go drain(func() error { _, err := c.Receive(ctx); return err })
	var rawD, sdkD time.Duration
	var ratios []float64
	for b.Loop() {
		r := timed(b, raw)
		s := timed(b, func() error {
			for range delayBurst {
				if err := c.Send(ctx, transport.BinaryMessage(payload)); err != nil {
					return err
				}
			}
			return c.Flush(ctx)
		})
		rawD, sdkD = rawD+r, sdkD+s
		ratios = append(ratios, float64(r)/float64(s))
	}
	perS := func(d time.Duration) float64 { return float64(delayBurst*len(ratios)) / d.Seconds() }
	b.ReportMetric(perS(sdkD), "sdk-msgs/s")
	b.ReportMetric(perS(rawD), "raw-msgs/s")
	b.ReportMetric(median(ratios), "x-raw")
}

// rawBurst dials raw coder/websocket and returns an op that writes a burst
// and waits for the pong to a ping written after it.
func rawBurst(b *testing.B, url string, payload []byte) func() error {
	ws, _, err := websocket.Dial(context.Background(), url, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = ws.CloseNow() })
	ctx := context.Background()
	go drain(func() error { _, _, err := ws.Read(ctx); return err }) // the echoes; the pong is read meanwhile
	return func() error {
		for range delayBurst {
			if err := ws.Write(ctx, websocket.MessageBinary, payload); err != nil {
				return err
			}
		}
		return ws.Ping(ctx)
	}
}

// drain calls read until it fails.
func drain(read func() error) {
	for read() == nil {
	}
}

// timed runs op and returns how long it took.
func timed(b *testing.B, op func() error) time.Duration {
	start := time.Now()
	if err := op(); err != nil {
		b.Fatal(err)
	}
	return time.Since(start)
}
