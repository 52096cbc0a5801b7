//go:build !js

package sdk

// Echo throughput through sdk.Client against raw coder/websocket in every
// cell: message size 32 B, 1 KiB, 64 KiB; 1 or 16 messages in flight;
// reads with context.Background() or with a context that has a deadline.
// Run it with
//
//	go test -run '^$' -bench EchoVsRaw -cpu 1,2 -count 5 ./sdk
//
// The server is a child process (see TestIdleServerProcess), so allocations
// and CPU are the client's alone. Raw and sdk take turns in slices of b.N
// within one benchmark (raw first in one pair of slices, sdk first in the
// next), on connections opened before the clock starts. x-raw is the median
// over the pairs of raw's time per message over the sdk's (1.0: as fast;
// above: faster): a burst of load on a shared machine skews one pair, not
// the figure.

import (
	"context"
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/tetherws/tether/transport"
)

// echoSlices is how many slices of b.N each side runs, taking turns.
const echoSlices = 16

// echoer runs rounds of echoes: n messages written, then n read.
type echoer func(ctx context.Context, n int) error

func BenchmarkEchoVsRaw(b *testing.B) {
	url := idleServer(b)
	for _, deadline := range []bool{false, true} {
		ctxName := map[bool]string{false: "background", true: "deadline"}[deadline]
		for _, inflight := range []int{1, 16} {
			for _, size := range []int{32, 1 << 10, 64 << 10} {
				name := fmt.Sprintf("%s/inflight=%d/%d", ctxName, inflight, size)
				b.Run(name, func(b *testing.B) { echoVsRaw(b, url, size, inflight, deadline) })
			}
		}
	}
}

// echoCost is one side's time and allocations over the messages it echoed.
type echoCost struct {
	d      time.Duration
	allocs uint64
	msgs   int
}

// run echoes msgs messages (rounded up to whole rounds) and returns the
// time per message.
func (c *echoCost) run(b *testing.B, ctx context.Context, e echoer, msgs, inflight int) float64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	sent := 0
	for ; sent < msgs; sent += inflight {
		if err := e(ctx, inflight); err != nil {
			b.Fatal(err)
		}
	}
	d := time.Since(start)
	runtime.ReadMemStats(&after)
	c.d += d
	c.allocs += after.Mallocs - before.Mallocs
	c.msgs += sent
	return float64(d.Nanoseconds()) / float64(sent)
}

func (c *echoCost) perMsg() (ns, allocs float64) {
	return float64(c.d.Nanoseconds()) / float64(c.msgs), float64(c.allocs) / float64(c.msgs)
}

func echoVsRaw(b *testing.B, url string, size, inflight int, deadline bool) {
	ctx := context.Background()
	if deadline {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, time.Hour)
		defer cancel()
	}
	payload := make([]byte, size)
	raw, closeRaw := rawEchoer(b, url, payload)
	defer closeRaw()
	sdk, closeSDK := sdkEchoer(b, url, payload)
	defer closeSDK()
	for _, e := range []echoer{raw, sdk} { // warm both connections up
		if err := e(ctx, inflight); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	var rawCost, sdkCost echoCost
	var ratios []float64
	slice := max(b.N/echoSlices, 1)
	for done, pair := 0, 0; done < b.N; done, pair = done+slice, pair+1 {
		n := min(slice, b.N-done)
		var rawNs, sdkNs float64
		if pair%2 == 0 {
			rawNs, sdkNs = rawCost.run(b, ctx, raw, n, inflight), sdkCost.run(b, ctx, sdk, n, inflight)
		} else {
			sdkNs, rawNs = sdkCost.run(b, ctx, sdk, n, inflight), rawCost.run(b, ctx, raw, n, inflight)
		}
		ratios = append(ratios, rawNs/sdkNs)
	}
	b.StopTimer()
	rawNs, rawAllocs := rawCost.perMsg()
	sdkNs, sdkAllocs := sdkCost.perMsg()
	b.ReportMetric(sdkNs, "sdk-ns/msg")
	b.ReportMetric(rawNs, "raw-ns/msg")
	b.ReportMetric(median(ratios), "x-raw")
	b.ReportMetric(sdkAllocs, "sdk-allocs/msg")
	b.ReportMetric(rawAllocs, "raw-allocs/msg")
}

func rawEchoer(b *testing.B, url string, payload []byte) (echoer, func()) {
	ws, _, err := websocket.Dial(context.Background(), url, nil)
	if err != nil {
		b.Fatal(err)
	}
	ws.SetReadLimit(1 << 20)
	return func(ctx context.Context, n int) error {
		for range n {
			if err := ws.Write(ctx, websocket.MessageBinary, payload); err != nil {
				return err
			}
		}
		for range n {
			if _, _, err := ws.Read(ctx); err != nil {
				return err
			}
		}
		return nil
	}, func() { _ = ws.CloseNow() }
}

// sdkEchoer dials with the default options (protocol heartbeats on, as users
// get them).
func sdkEchoer(b *testing.B, url string, payload []byte) (echoer, func()) {
	c, err := Dial(context.Background(), url, nil)
	if err != nil {
		b.Fatal(err)
	}
	return func(ctx context.Context, n int) error {
		for range n {
			if err := c.Send(ctx, transport.BinaryMessage(payload)); err != nil {
				return err
			}
		}
		for range n {
			if _, err := c.Receive(ctx); err != nil {
				return err
			}
		}
		return nil
	}, func() { _ = c.Close() }
}
