package sdk

import (
	"context"
	"testing"
	"time"

	"github.com/tetherws/tether/transport"
)

// Stats counts the messages written and read, not the heartbeat's pings.
func TestStatsCountsMessagesBothWays(t *testing.T) {
	o, path := confirming(noReconnect(), 20*time.Millisecond, answerTimeout) // pings flow meanwhile
	if s := (&Client{}).Stats(); s != (Stats{}) {
		t.Fatalf("Stats of a new client = %+v; want zero", s)
	}
	o.AfterOpen = func(ctx context.Context, send func(context.Context, transport.Message) error) error {
		return send(ctx, transport.TextMessage("hello"))
	} // counts too
	c := dialT(t, testServerURL(t)+path, o)
	ctx := testCtx(t)
	sizes := []int{1, 10, 100}
	total := len("hello")
	for _, n := range sizes {
		if err := c.Send(ctx, transport.BinaryMessage(make([]byte, n))); err != nil {
			t.Fatal(err)
		}
		if err := c.Enqueue(transport.TextMessage(string(make([]byte, n)))); err != nil {
			t.Fatal(err)
		}
		total += 2 * n
	}
	for range 1 + 2*len(sizes) {
		if _, err := c.Receive(ctx); err != nil {
			t.Fatal(err)
		}
	}
	want := Stats{MessagesSent: 7, BytesSent: uint64(total), MessagesReceived: 7, BytesReceived: uint64(total)}
	// A writer counts once its write returned, which may be after the echo came back.
	waitUntil(t, "the counts", func() bool { return c.Stats() == want })
	if err := c.Flush(ctx); err != nil { // pings and pongs went both ways
		t.Fatal(err)
	}
	if s := c.Stats(); s != want {
		t.Fatalf("Stats after pings = %+v; want %+v", s, want)
	}
}
