package testserver

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
)

// JSONLike returns a JSON message of about 1.2 KiB, an order book update
// whose keys repeat from one message to the next (as in most WebSocket
// APIs) and whose numbers change with seq.
func JSONLike(seq int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, `{"type":"book","channel":"orders","symbol":"BTC-USD","seq":%d,"bids":[`, seq)
	levels(&b, seq, 43000, 7, 31)
	b.WriteString(`],"asks":[`)
	levels(&b, seq, 43100, 3, 13)
	b.WriteString(`]}`)
	return []byte(b.String())
}

func levels(b *strings.Builder, seq, base, a, c int) {
	for i := range 12 {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(b, `{"price":"%d.%02d","size":"0.%04d","orders":%d}`,
			base+seq%97+i, (seq*a+i)%100, (seq*c+i*17)%10000, 1+(seq+i)%9)
	}
}

// WireCounter counts the bytes written to the sockets of the HTTP client it
// makes: a client's frames and handshakes, as they go on the wire.
type WireCounter struct {
	written atomic.Int64
}

// Written returns the bytes written so far.
func (w *WireCounter) Written() int64 { return w.written.Load() }

// HTTPClient returns a client whose connections are counted.
func (w *WireCounter) HTTPClient() *http.Client {
	tr := &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := (&net.Dialer{}).DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		return &countedConn{Conn: c, n: &w.written}, nil
	}}
	return &http.Client{Transport: tr}
}

type countedConn struct {
	net.Conn
	n *atomic.Int64
}

func (c *countedConn) Write(p []byte) (int, error) {
	n, err := c.Conn.Write(p)
	c.n.Add(int64(n))
	return n, err
}
