//go:build unix

package measure

import (
	"context"
	"sort"
	"testing"
	"time"

	"github.com/tetherws/tether/internal/testserver"
	"github.com/tetherws/tether/sdk"
)

// probe records when a client's events happen, on channels a measurement
// reads in order. Times are taken in the callbacks, as an application would
// see them.
type probe struct {
	reconnecting chan time.Time // when the ReconnectingEvent came
	dialing      chan time.Time // when BeforeDial ran for an attempt after the first
	opened       chan time.Time // when the OpenEvent of a reconnect came
}

func newProbe() *probe {
	return &probe{
		reconnecting: make(chan time.Time, 1024),
		dialing:      make(chan time.Time, 1024),
		opened:       make(chan time.Time, 1024),
	}
}

// options returns client options that retry exactly every delay and report
// to the probe.
func (p *probe) options(delay time.Duration) *sdk.Options {
	o := &sdk.Options{}
	o.Reconnect.InitialDelay, o.Reconnect.MaxDelay, o.Reconnect.Jitter = delay, delay, -1
	o.OnEvent = func(ev sdk.Event) {
		switch e := ev.(type) {
		case sdk.ReconnectingEvent:
			p.reconnecting <- time.Now()
		case sdk.OpenEvent:
			if e.Reconnect {
				p.opened <- time.Now()
			}
		}
	}
	o.BeforeDial = func(_ context.Context, attempt int, dp sdk.DialParams) (sdk.DialParams, error) {
		if attempt > 1 {
			p.dialing <- time.Now()
		}
		return dp, nil
	}
	return o
}

// next receives one time from ch, failing tb after a generous timeout.
func next(tb testing.TB, ch chan time.Time, what string) time.Time {
	tb.Helper()
	select {
	case at := <-ch:
		return at
	case <-time.After(30 * time.Second):
		tb.Fatalf("timed out waiting for %s", what)
		return time.Time{}
	}
}

// drain empties ch and returns the last time it held (zero if none).
func drain(ch chan time.Time) (last time.Time) {
	for {
		select {
		case last = <-ch:
		default:
			return last
		}
	}
}

// startServer starts a test server on addr ("" for a free loopback port).
func startServer(tb testing.TB, addr string) *testserver.Running {
	tb.Helper()
	r, err := testserver.Start(addr, testserver.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return r
}

// dial opens a client on url, failing tb on error.
func dial(tb testing.TB, url string, o *sdk.Options) *sdk.Client {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c, err := sdk.Dial(ctx, url, o)
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// summary holds the median and maximum of samples.
type summary struct{ median, max time.Duration }

func summarize(samples []time.Duration) summary {
	if len(samples) == 0 {
		return summary{}
	}
	s := append([]time.Duration(nil), samples...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	med := s[len(s)/2]
	if len(s)%2 == 0 {
		med = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return summary{median: med, max: s[len(s)-1]}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// report adds a summary's median and max to b's metrics under name.
func report(b *testing.B, name string, s summary) {
	b.ReportMetric(ms(s.median), name+"-median-ms")
	b.ReportMetric(ms(s.max), name+"-max-ms")
}
