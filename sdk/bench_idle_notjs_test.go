//go:build !js

package sdk

// What an idle open client costs: N clients, each with a goroutine blocked
// in Receive and default heartbeats, beside N raw coder/websocket
// connections with one reader goroutine each, in the same run. Run it with
//
//	go test -run '^$' -bench IdleClients -benchtime 1x ./sdk [-idle.clients 1000]
//
// The server runs in a child process (this test binary again, running only
// TestIdleServerProcess), so that the figures hold the clients' cost alone.

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/tetherws/tether/internal/procstat"
	"github.com/tetherws/tether/internal/testserver"
)

var idleClients = flag.Int("idle.clients", 1000, "clients per fleet in BenchmarkIdleClients")

// idleServerEnv makes TestIdleServerProcess serve instead of skipping.
const idleServerEnv = "TETHER_IDLE_SERVER"

// idleDialers is how many connections open at once.
const idleDialers = 32

// TestIdleServerProcess is BenchmarkIdleClients' server when the benchmark
// starts this binary with idleServerEnv set: it prints its /echo URL and
// serves until stdin ends. Otherwise it skips.
func TestIdleServerProcess(t *testing.T) {
	if os.Getenv(idleServerEnv) == "" {
		t.Skip("the server process of BenchmarkIdleClients")
	}
	r, err := testserver.Start("", testserver.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = r.Close() }()
	fmt.Println(r.URL("/echo"))
	_, _ = io.Copy(io.Discard, os.Stdin)
}

// idleServer starts the server process and returns its URL; it ends with b.
func idleServer(b *testing.B) string {
	cmd := exec.Command(os.Args[0], "-test.run=^TestIdleServerProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), idleServerEnv+"=1")
	cmd.Stderr = os.Stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		b.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		_ = in.Close()
		_ = cmd.Wait()
	})
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "ws://") {
		b.Fatalf("server process: %q, %v", line, err)
	}
	go func() { _, _ = io.Copy(io.Discard, out) }() // its PASS line at the end
	return strings.TrimSpace(line)
}

// idleCost is what one idle connection costs, per client.
type idleCost struct {
	heap, stack, rssKiB, goroutines float64 // rssKiB < 0: unknown here
}

// idleSample is the process's footprint after a GC that returns free pages
// to the OS: what the live connections hold, without the GC's headroom.
type idleSample struct {
	heap, stack uint64
	rss         int64
	goroutines  int
}

func sampleIdle() idleSample {
	runtime.GC()
	debug.FreeOSMemory()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return idleSample{heap: m.HeapInuse, stack: m.StackInuse, rss: procstat.RSSKiB(), goroutines: runtime.NumGoroutine()}
}

func (s idleSample) costPer(before idleSample, n int) idleCost {
	c := idleCost{
		heap:       float64(int64(s.heap)-int64(before.heap)) / float64(n),
		stack:      float64(int64(s.stack)-int64(before.stack)) / float64(n),
		rssKiB:     float64(s.rss-before.rss) / float64(n),
		goroutines: float64(s.goroutines-before.goroutines) / float64(n),
	}
	if s.rss < 0 || before.rss < 0 {
		c.rssKiB = -1
	}
	return c
}

// idleOpener opens one idle connection with its reader goroutine and returns
// the function that closes it and waits for that goroutine.
type idleOpener func(ctx context.Context, url string) (closeAll func(), err error)

func openTetherIdle(ctx context.Context, url string) (func(), error) {
	c, err := Dial(ctx, url, nil)
	if err != nil {
		return nil, err
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			if _, err := c.Receive(context.Background()); err != nil {
				return
			}
		}
	}()
	return func() { _ = c.Close(); <-done }, nil
}

func openRawIdle(ctx context.Context, url string) (func(), error) {
	c, _, err := websocket.Dial(ctx, url, nil)
	if err != nil {
		return nil, err
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			if _, _, err := c.Read(context.Background()); err != nil {
				return
			}
		}
	}()
	return func() { _ = c.Close(websocket.StatusNormalClosure, ""); <-done }, nil
}

// measureIdle opens n connections with open, measures the process against
// before them, and closes them.
func measureIdle(b *testing.B, url string, n int, open idleOpener) idleCost {
	before := sampleIdle()
	closers, err := openIdle(url, n, open)
	after := sampleIdle()
	closeIdle(closers)
	if err != nil {
		b.Fatal(err)
	}
	return after.costPer(before, n)
}

// openIdle opens n connections, idleDialers at a time; it stops at the
// first error and returns the closers of those it opened.
func openIdle(url string, n int, open idleOpener) ([]func(), error) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	closers := make([]func(), n)
	var next atomic.Int64
	var mu sync.Mutex
	var errs []error
	var wg sync.WaitGroup
	for range idleDialers {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				cl, err := open(ctx, url)
				if err != nil {
					mu.Lock()
					errs = append(errs, err)
					mu.Unlock()
					cancel()
					return
				}
				closers[i] = cl
			}
		})
	}
	wg.Wait()
	return closers, errors.Join(errs...)
}

func closeIdle(closers []func()) {
	var wg sync.WaitGroup
	for part := range idleDialers {
		wg.Go(func() {
			for i := part; i < len(closers); i += idleDialers {
				if closers[i] != nil {
					closers[i]()
				}
			}
		})
	}
	wg.Wait()
}

// BenchmarkIdleClients reports, per idle open connection, heap and stack
// bytes, RSS (Linux) and goroutines for sdk clients and raw coder/websocket
// ones, and the ratios (x-raw-*: sdk over raw).
func BenchmarkIdleClients(b *testing.B) {
	url := idleServer(b)
	n := *idleClients
	var raw, tether idleCost
	for b.Loop() {
		raw = measureIdle(b, url, n, openRawIdle)
		tether = measureIdle(b, url, n, openTetherIdle)
	}
	report := func(prefix string, c idleCost) {
		b.ReportMetric(c.heap, prefix+"heap-B/client")
		b.ReportMetric(c.stack, prefix+"stack-B/client")
		if c.rssKiB >= 0 {
			b.ReportMetric(c.rssKiB, prefix+"KiB-rss/client")
		}
		b.ReportMetric(c.goroutines, prefix+"goroutines/client")
	}
	report("", tether)
	report("raw-", raw)
	b.ReportMetric(tether.heap/raw.heap, "x-raw-heap")
	b.ReportMetric(tether.stack/raw.stack, "x-raw-stack")
	if tether.rssKiB >= 0 && raw.rssKiB > 0 {
		b.ReportMetric(tether.rssKiB/raw.rssKiB, "x-raw-rss")
	}
	b.ReportMetric(tether.goroutines/raw.goroutines, "x-raw-goroutines")
	b.ReportMetric(0, "ns/op")
	b.Logf("%d idle connections each, server in a child process; sdk: default options, one goroutine in "+
		"Receive(context.Background()); raw: coder/websocket, one goroutine in Read", n)
}
