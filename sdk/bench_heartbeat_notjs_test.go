//go:build !js

package sdk

// Heartbeat measurements through a fault proxy: how long a black-holed peer
// takes to be declared dead, and how many bytes a heartbeat costs on an idle
// connection. Run them with
//
//	go test -run '^$' -bench 'Heartbeat(Detection|IdleBytes)' -benchtime 1x ./sdk

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/tetherws/tether/heartbeat"
	"github.com/tetherws/tether/internal/faultproxy"
	"github.com/tetherws/tether/internal/testserver"
)

// Detection measurement settings.
const (
	detectionRuns     = 20
	detectionInterval = 200 * time.Millisecond
	detectionTimeout  = 500 * time.Millisecond
)

// heartbeatModes are the modes the measurements compare, with the test server
// path that answers them.
var heartbeatModes = []struct{ name, path string }{
	{"protocol", "/echo"},
	{"application", "/chaos?app_ping=1"},
}

// BenchmarkHeartbeatDetection black-holes a connection (TCP stays open, no
// byte passes) detectionRuns times per op, at instants spread evenly over one
// interval+timeout after a pong, and reports the time from the black hole to
// the heartbeat-timeout close: median and max, against interval+timeout (the
// longest a peer may stay silent before it is declared dead, so the longest
// detection may take whatever the phase of the failure).
func BenchmarkHeartbeatDetection(b *testing.B) {
	for _, m := range heartbeatModes {
		b.Run(m.name, func(b *testing.B) {
			proxy, base := benchProxy(b)
			var detect []time.Duration
			for b.Loop() {
				for i := range detectionRuns {
					offset := (detectionInterval + detectionTimeout) * time.Duration(2*i+1) / (2 * detectionRuns)
					detect = append(detect, detectOnce(b, proxy, base+m.path, m.name, offset))
				}
			}
			reportDetection(b, detect)
		})
	}
}

// reportDetection reports the median and max detection time against the
// bound interval+timeout.
func reportDetection(b *testing.B, detect []time.Duration) {
	bound, mid, worst := detectionInterval+detectionTimeout, median(detect), slices.Max(detect)
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(ms(mid), "detect-median-ms")
	b.ReportMetric(ms(worst), "detect-max-ms")
	b.ReportMetric(ms(bound), "bound-ms")
	b.ReportMetric(0, "ns/op")
	b.Logf("%d runs: detection median %v, max %v = %.1f%% of interval+timeout (%v); "+
		"a few ms over 100%% are the ping's round trip, timer and event-dispatch latency",
		len(detect), mid, worst, 100*float64(worst)/float64(bound), bound)
}

func median[T time.Duration | float64](ds []T) T {
	s := slices.Sorted(slices.Values(ds))
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// detectOnce opens a client, waits for its first pong and then offset, black-
// holes the proxy and returns the time from the black hole to the
// heartbeat-timeout close.
func detectOnce(b *testing.B, proxy *faultproxy.Proxy, url, mode string, offset time.Duration) time.Duration {
	pr := newBeatWatch()
	o := pr.attach(noReconnect())
	o.Heartbeat.Interval, o.Heartbeat.Timeout = detectionInterval, detectionTimeout
	setMode(&o.Heartbeat, mode)
	c := dialBench(b, url, o)
	defer func() { proxy.Blackhole(false); proxy.CutAll(); _ = c.Close() }()
	pr.waitFirstPong(b)
	pause(offset)
	proxy.Blackhole(true)
	holed := time.Now()
	return pr.waitDead(b).Sub(holed)
}

// setMode configures protocol pings, or {"type":"ping"} application pings.
func setMode(cfg *heartbeat.Config, mode string) {
	if mode == "application" {
		jsonPing(cfg)
		return
	}
	cfg.Mode = heartbeat.ModeProtocol
}

// pause waits d: the measurement places the black hole at a chosen phase.
func pause(d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	<-t.C
}

// beatWatch counts answered pings and records when the heartbeat-timeout
// close arrives.
type beatWatch struct {
	mu    sync.Mutex
	pongs int
	first chan struct{}  // closed at the first pong
	dead  chan time.Time // the heartbeat-timeout close, buffered
}

func newBeatWatch() *beatWatch {
	return &beatWatch{first: make(chan struct{}), dead: make(chan time.Time, 1)}
}

func (p *beatWatch) attach(o *Options) *Options {
	o.OnEvent = func(ev Event) {
		switch e := ev.(type) {
		case HeartbeatEvent:
			p.pong()
		case CloseEvent:
			if errors.Is(e.Cause, ErrHeartbeatTimeout) {
				p.dead <- time.Now()
			}
		}
	}
	return o
}

func (p *beatWatch) pong() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.pongs == 0 {
		close(p.first)
	}
	p.pongs++
}

// count returns how many pongs arrived so far.
func (p *beatWatch) count() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.pongs
}

func (p *beatWatch) waitFirstPong(b *testing.B) {
	select {
	case <-p.first:
	case <-time.After(10 * time.Second):
		b.Fatal("no pong within 10 s")
	}
}

func (p *beatWatch) waitDead(b *testing.B) time.Time {
	select {
	case at := <-p.dead:
		return at
	case <-time.After(10 * time.Second):
		b.Fatal("no heartbeat timeout within 10 s of the black hole")
	}
	return time.Time{}
}

// Idle-cost measurement settings. The interval is short so that many pings
// pass quickly; the cost of one ping is independent of the interval.
const (
	idlePings    = 20
	idleInterval = 100 * time.Millisecond
	idleTimeout  = 300 * time.Millisecond
)

// BenchmarkHeartbeatIdleBytes counts the bytes crossing the proxy on an idle
// connection while idlePings pings are answered, and reports the cost of one
// heartbeat (ping plus answer) per direction and per minute at the default
// interval (an idle connection sends one ping per DefaultInterval, since the
// default timeout is shorter than the interval). The bytes are WebSocket frame
// bytes on the TCP stream; TCP/IP headers and ACKs are not included.
func BenchmarkHeartbeatIdleBytes(b *testing.B) {
	for _, m := range heartbeatModes {
		b.Run(m.name, func(b *testing.B) {
			proxy, base := benchProxy(b)
			var sum faultproxy.Traffic
			var pings int
			for b.Loop() {
				sum = sum.Add(idleTraffic(b, proxy, base+m.path, m.name))
				pings += idlePings
			}
			reportIdle(b, sum, pings)
		})
	}
}

func reportIdle(b *testing.B, sum faultproxy.Traffic, pings int) {
	up, down := float64(sum.Up)/float64(pings), float64(sum.Down)/float64(pings)
	perMinute := (up + down) * float64(time.Minute) / float64(heartbeat.DefaultConfig().Interval)
	b.ReportMetric(up, "B-up/ping")
	b.ReportMetric(down, "B-down/ping")
	b.ReportMetric(perMinute, "B/min-default")
	b.ReportMetric(0, "ns/op")
	b.Logf("%d pings: %.1f B up + %.1f B down per ping; %.1f B/min at the default %v interval",
		pings, up, down, perMinute, heartbeat.DefaultConfig().Interval)
}

// idleTraffic opens an idle client and returns the proxy traffic between its
// first answered ping and idlePings answered pings later.
func idleTraffic(b *testing.B, proxy *faultproxy.Proxy, url, mode string) faultproxy.Traffic {
	pr := newBeatWatch()
	o := pr.attach(noReconnect())
	o.Heartbeat.Interval, o.Heartbeat.Timeout = idleInterval, idleTimeout
	setMode(&o.Heartbeat, mode)
	ready := make(chan struct{}, 1)
	alsoOn(o, on(func(HeartbeatEvent) { notify(ready) })) // after attach's pr.pong()
	c := dialBench(b, url, o)
	defer c.Close()
	pr.waitFirstPong(b)
	before := proxy.Traffic()
	deadline := time.After(30 * time.Second)
	for pr.count() < 1+idlePings {
		select {
		case <-ready:
		case <-deadline:
			b.Fatalf("only %d pongs within 30 s", pr.count())
		}
	}
	return proxy.Traffic().Sub(before)
}

// benchProxy starts a test server behind a fault proxy for b and returns the
// proxy and the ws:// base URL through it.
func benchProxy(b *testing.B) (*faultproxy.Proxy, string) {
	b.Helper()
	srv, err := testserver.Start("", testserver.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = srv.Close() })
	p, err := faultproxy.New(srv.Addr())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = p.Close() })
	return p, "ws://" + p.Addr()
}

// dialBench dials with a bounded context; the caller closes the client.
func dialBench(b *testing.B, url string, o *Options) *Client {
	b.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, err := Dial(ctx, url, o)
	if err != nil {
		b.Fatalf("Dial(%s): %v", url, err)
	}
	return c
}
