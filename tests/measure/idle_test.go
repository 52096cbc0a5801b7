//go:build unix

package measure

import (
	"fmt"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/tetherws/tether/sdk"
)

// idleResult is what a process with clients waiting in backoff cost.
type idleResult struct {
	cpuPerSecond time.Duration // user+system CPU per second of waiting
	goroutines   int           // runtime.NumGoroutine while waiting
	added        int           // goroutines more than before the server started
}

// measureIdle opens n clients, kills their server so that each waits in a one
// hour backoff, and measures the process over wait. n == 0 measures the bare
// process, as a baseline.
func measureIdle(tb testing.TB, n int, wait time.Duration) idleResult {
	p := newProbe()
	before := runtime.NumGoroutine()
	srv := startServer(tb, "")
	clients := make([]*sdk.Client, 0, n)
	defer func() {
		for _, c := range clients {
			_ = c.Close()
		}
	}()
	for range n {
		clients = append(clients, dial(tb, srv.URL("/echo"), p.options(time.Hour)))
	}
	srv.Kill()
	for range n {
		next(tb, p.reconnecting, "a client in backoff")
	}
	runtime.GC()
	cpu, start := cpuTime(tb), time.Now()
	time.Sleep(wait)
	used, waited := cpuTime(tb)-cpu, time.Since(start)
	g := runtime.NumGoroutine()
	return idleResult{cpuPerSecond: time.Duration(float64(used) / waited.Seconds()), goroutines: g, added: g - before}
}

// cpuTime returns the process's user plus system CPU time so far.
func cpuTime(tb testing.TB) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		tb.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkBackoffIdle reports CPU per second of waiting and goroutines for
// 0 (the bare process, a baseline), 1 and 100 clients waiting in a one hour
// backoff, over 3 s. Waiting clients should cost nothing: no polling, a
// fixed number of parked goroutines each (goroutines-per-client).
func BenchmarkBackoffIdle(b *testing.B) {
	const wait = 3 * time.Second
	for _, n := range []int{0, 1, 100} {
		b.Run(fmt.Sprint("clients=", n), func(b *testing.B) {
			var r idleResult
			for range b.N {
				r = measureIdle(b, n, wait)
			}
			b.ReportMetric(float64(r.cpuPerSecond)/float64(time.Millisecond), "cpu-ms/s")
			b.ReportMetric(float64(r.goroutines), "goroutines")
			if n > 0 {
				b.ReportMetric(float64(r.added)/float64(n), "goroutines-per-client")
			}
			b.Logf("waited %s; %s", wait, loadNote())
		})
	}
}
