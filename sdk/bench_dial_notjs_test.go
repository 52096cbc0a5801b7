//go:build !js

package sdk

// Opening handshakes per second through sdk.Dial against raw
// coder/websocket's Dial, to the same server (a child process, see
// TestIdleServerProcess), one connection at a time and dialConcurrency at a
// time. Run it with
//
//	go test -run '^$' -bench DialVsRaw -count 5 ./sdk
//
// Each dial is followed at once by a close handshake (the client's close
// frame, the server's answer), on both sides. Raw and sdk take turns
// in slices of b.N, as in BenchmarkEchoVsRaw; x-raw is the median over the
// pairs of raw's time per dial over the sdk's (above 1.0: the sdk is faster).

import (
	"context"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/coder/websocket"
)

// dialConcurrency is how many dials the concurrent cell runs at once.
const dialConcurrency = 16

// dialer opens and closes one connection.
type dialer func(ctx context.Context) error

func BenchmarkDialVsRaw(b *testing.B) {
	url := idleServer(b)
	raw := func(ctx context.Context) error {
		ws, _, err := websocket.Dial(ctx, url, nil)
		if err != nil {
			return err
		}
		return ws.Close(websocket.StatusNormalClosure, "")
	}
	sdk := func(ctx context.Context) error {
		c, err := Dial(ctx, url, nil)
		if err != nil {
			return err
		}
		return c.Close()
	}
	for _, conc := range []int{1, dialConcurrency} {
		name := map[int]string{1: "serial", dialConcurrency: "concurrent"}[conc]
		b.Run(name, func(b *testing.B) { dialVsRaw(b, raw, sdk, conc) })
	}
}

func dialVsRaw(b *testing.B, raw, sdk dialer, conc int) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var rawCost, sdkCost echoCost
	var ratios []float64
	slice := max(b.N/echoSlices, conc)
	b.ResetTimer()
	for done, pair := 0, 0; done < b.N; done, pair = done+slice, pair+1 {
		n := min(slice, b.N-done)
		var rawNs, sdkNs float64
		if pair%2 == 0 {
			rawNs, sdkNs = dials(b, ctx, &rawCost, raw, n, conc), dials(b, ctx, &sdkCost, sdk, n, conc)
		} else {
			sdkNs, rawNs = dials(b, ctx, &sdkCost, sdk, n, conc), dials(b, ctx, &rawCost, raw, n, conc)
		}
		ratios = append(ratios, rawNs/sdkNs)
	}
	b.StopTimer()
	rawNs, rawAllocs := rawCost.perMsg()
	sdkNs, sdkAllocs := sdkCost.perMsg()
	b.ReportMetric(1e9/sdkNs, "sdk-dials/s")
	b.ReportMetric(1e9/rawNs, "raw-dials/s")
	b.ReportMetric(median(ratios), "x-raw")
	b.ReportMetric(sdkAllocs, "sdk-allocs/dial")
	b.ReportMetric(rawAllocs, "raw-allocs/dial")
}

// dials runs n dials, conc at a time, adds their time and allocations to c
// and returns the time per dial.
func dials(b *testing.B, ctx context.Context, c *echoCost, d dialer, n, conc int) float64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	var wg sync.WaitGroup
	errs := make(chan error, conc)
	for w := range conc {
		wg.Go(func() {
			for i := w; i < n; i += conc {
				if err := d(ctx); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	runtime.ReadMemStats(&after)
	select {
	case err := <-errs:
		b.Fatal(err)
	default:
	}
	c.d += elapsed
	c.allocs += after.Mallocs - before.Mallocs
	c.msgs += n
	return float64(elapsed.Nanoseconds()) / float64(n)
}
