//go:build !js

package native

import (
	"bytes"
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/tetherws/tether/transport"
)

// countingConn counts the bytes read from the socket, so a test knows when
// the client has taken what the server sent.
type countingConn struct {
	net.Conn
	read atomic.Int64
}

func (c *countingConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.read.Add(int64(n))
	return n, err
}

// countingDialer dials through an http.Transport whose connections count
// the bytes read; it returns the dialer and the connection once dialled.
func countingDialer() (*Dialer, func() *countingConn) {
	var last atomic.Pointer[countingConn]
	tr := &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := (&net.Dialer{}).DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		cc := &countingConn{Conn: c}
		last.Store(cc)
		return cc, nil
	}}
	return &Dialer{HTTPClient: &http.Client{Transport: tr}}, last.Load
}

// waitUntil polls cond until it holds or ctx ends.
func waitUntil(t *testing.T, ctx context.Context, what string, cond func() bool) {
	t.Helper()
	for !cond() {
		if ctx.Err() != nil {
			t.Fatalf("never: %s", what)
		}
		runtime.Gosched()
	}
}

// A Read whose context ends while it waits for a message returns the
// context's error and leaves the connection open; a Read whose context ends
// while a message (or a fragmented one) is arriving returns that message
// whole. steps paces the server: it sends the next piece when told, and the
// test ends a Read's context only once the Read is armed, or once the client
// has read the piece from the socket.
func TestReadContextEndsWithoutClosing(t *testing.T) {
	steps := make(chan []byte)
	url := hostileServer(t, "", func(p *rawPeer) {
		for b := range steps {
			p.send(b)
		}
		p.finish()
	})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	d, socket := countingDialer()
	tc, err := d.Dial(ctx, url, transport.DialOptions{})
	if err != nil {
		close(steps)
		t.Fatal(err)
	}
	defer func() {
		close(steps) // the server finishes: its handler returns
		_ = tc.Close(1000, "")
	}()
	if !tc.(*conn).InterruptibleRead() {
		t.Fatal("InterruptibleRead() = false on a connection dialled through net/http")
	}

	stream := tc.(*conn).stream
	armed := func() bool {
		stream.intMu.Lock()
		defer stream.intMu.Unlock()
		return stream.armed
	}
	for _, when := range []string{"before the read", "during the read"} {
		rctx, rcancel := context.WithCancel(ctx)
		if when == "before the read" {
			rcancel()
		} else {
			go func() {
				for !armed() && ctx.Err() == nil {
					runtime.Gosched()
				}
				rcancel()
			}()
		}
		if _, err := tc.Read(rctx); !errors.Is(err, context.Canceled) {
			t.Fatalf("Read with a context cancelled %s: %v, want context.Canceled", when, err)
		}
		rcancel()
		steps <- frame(true, 0x1, "after "+when)
		if m, err := tc.Read(ctx); err != nil || m.Text() != "after "+when {
			t.Fatalf("Read after the cancelled one: %q, %v; want %q", m.Data, err, "after "+when)
		}
	}

	whole := frame(true, 0x2, "0123456789")
	fragments := [][]byte{frame(false, 0x1, "frag"), frame(true, 0x9, ""), frame(true, 0x0, "mented")}
	for _, tt := range []struct {
		name       string
		head, rest [][]byte
		want       string
	}{
		{"inside a frame", [][]byte{whole[:6]}, [][]byte{whole[6:]}, "0123456789"},
		{"inside a header", [][]byte{whole[:1]}, [][]byte{whole[1:]}, "0123456789"},
		{"between fragments", fragments[:2], fragments[2:], "fragmented"},
	} {
		rctx, rcancel := context.WithCancel(ctx)
		type read struct {
			m   transport.Message
			err error
		}
		got := make(chan read, 1)
		go func() {
			m, err := tc.Read(rctx)
			got <- read{m, err}
		}()
		want := socket().read.Load()
		for _, b := range tt.head {
			steps <- b
			want += int64(len(b))
		}
		waitUntil(t, ctx, tt.name+": the client read the first piece", func() bool { return socket().read.Load() >= want })
		rcancel()
		for _, b := range tt.rest {
			steps <- b
		}
		var r read
		select {
		case r = <-got:
		case <-ctx.Done():
			t.Fatalf("%s: the Read whose context ended never returned", tt.name)
		}
		if r.err != nil || string(r.m.Data) != tt.want {
			t.Fatalf("%s: Read = %q, %v; want %q", tt.name, r.m.Data, r.err, tt.want)
		}
	}
}

// Over TLS the interrupt is a read deadline on the *tls.Conn, which leaves
// the TLS stream intact: reads after an interrupted one come whole, and so
// does a 1 MiB echo read with a context that has ended, whether the interrupt
// finds the Read between messages (the next Read returns the echo) or among
// the echo's records.
func TestReadContextEndsWithoutClosingOverTLS(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ws, err := websocket.Accept(w, r, nil)
		if err != nil {
			return
		}
		defer ws.CloseNow()
		ws.SetReadLimit(-1)
		for {
			typ, b, err := ws.Read(r.Context())
			if err != nil || ws.Write(r.Context(), typ, b) != nil {
				return
			}
		}
	}))
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	url := "wss" + strings.TrimPrefix(srv.URL, "https")
	tc, err := (&Dialer{HTTPClient: srv.Client()}).Dial(ctx, url, transport.DialOptions{ReadLimit: 8 << 20})
	if err != nil {
		t.Fatal(err)
	}
	defer tc.Close(1000, "")
	if !tc.(*conn).InterruptibleRead() {
		t.Fatal("InterruptibleRead() = false over TLS")
	}
	big := bytes.Repeat([]byte("0123456789abcdef"), 64<<10) // 1 MiB: many TLS records
	for i := range 10 {
		rctx, rcancel := context.WithTimeout(ctx, time.Duration(i)*200*time.Microsecond)
		if _, err := tc.Read(rctx); !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("round %d: Read with nothing sent: %v, want context.DeadlineExceeded", i, err)
		}
		if err := tc.Write(ctx, transport.BinaryMessage(big)); err != nil {
			t.Fatal(err)
		}
		m, err := tc.Read(rctx) // its context has ended or ends while the echo arrives
		if errors.Is(err, context.DeadlineExceeded) {
			m, err = tc.Read(ctx)
		}
		rcancel()
		if err != nil || !bytes.Equal(m.Data, big) {
			t.Fatalf("round %d: echo of %d bytes: %d bytes, %v", i, len(big), len(m.Data), err)
		}
	}
}
