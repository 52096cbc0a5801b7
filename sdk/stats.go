package sdk

import "sync/atomic"

// Stats counts a client's messages since New: those written to its
// connections (a message re-sent after a lost connection counts again) and
// those read for Receive or Next. Heartbeat pings and pongs, protocol or
// application, are not counted. Bytes are payload bytes. The zero value is a
// new client's.
type Stats struct {
	MessagesSent, BytesSent         uint64
	MessagesReceived, BytesReceived uint64
}

// Stats returns the counts so far. Safe to call from any goroutine; each
// field is exact, and the four are read one after the other.
func (c *Client) Stats() Stats {
	return Stats{
		MessagesSent: c.traffic.sent.Load(), BytesSent: c.traffic.sentBytes.Load(),
		MessagesReceived: c.traffic.received.Load(), BytesReceived: c.traffic.receivedBytes.Load(),
	}
}

// traffic holds the counters behind Stats: the writers add to the first
// pair, the reader to the second.
type traffic struct {
	sent, sentBytes         atomic.Uint64
	received, receivedBytes atomic.Uint64
}

func (t *traffic) wrote(n int) {
	t.sent.Add(1)
	t.sentBytes.Add(uint64(n))
}

func (t *traffic) read(n int) {
	t.received.Add(1)
	t.receivedBytes.Add(uint64(n))
}
