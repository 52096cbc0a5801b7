//go:build !js

package sdk

// An application that allocates much collects garbage often. The copies a
// client keeps of sent messages until a pong confirms them must not be
// allocated again after each collection. Run it with
//
//	go test -run '^$' -bench EchoUnderGC -benchtime 40000x -count 3 ./sdk
//
// A goroutine forces a collection every millisecond while 16 messages of
// 32 B are in flight, through the sdk and then through raw coder/websocket
// on another connection to the same server; *-allocs/msg counts every
// allocation in the process over each side's messages (the message read is
// one).

import (
	"context"
	"runtime"
	"sync"
	"testing"
	"time"
)

func BenchmarkEchoUnderGC(b *testing.B) {
	url := idleServer(b)
	payload := make([]byte, 32)
	raw, closeRaw := rawEchoer(b, url, payload)
	defer closeRaw()
	sdk, closeSDK := sdkEchoer(b, url, payload)
	defer closeSDK()
	ctx := context.Background()
	const inflight = 16
	for _, e := range []echoer{raw, sdk} { // both connections open and warm
		if err := e(ctx, inflight); err != nil {
			b.Fatal(err)
		}
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() { collectEvery(time.Millisecond, stop) })
	defer wg.Wait()
	defer close(stop)
	b.ResetTimer()
	var rawCost, sdkCost echoCost
	rawCost.run(b, ctx, raw, b.N, inflight)
	sdkCost.run(b, ctx, sdk, b.N, inflight)
	b.StopTimer()
	_, rawAllocs := rawCost.perMsg()
	_, sdkAllocs := sdkCost.perMsg()
	b.ReportMetric(rawAllocs, "raw-allocs/msg")
	b.ReportMetric(sdkAllocs, "sdk-allocs/msg")
}

// collectEvery runs the garbage collector every d until stop is closed.
func collectEvery(d time.Duration, stop <-chan struct{}) {
	t := time.NewTicker(d)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			runtime.GC()
		}
	}
}
