//go:build !js

package native

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
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
	read      atomic.Int64
	deadlines atomic.Int64 // reads ended by a read deadline (an interrupt)
}

func (c *countingConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.read.Add(int64(n))
	if errors.Is(err, os.ErrDeadlineExceeded) {
		c.deadlines.Add(1)
	}
	return n, err
}

// countingDialer dials through an http.Transport whose connections count
// the bytes read; it returns the dialer and the connection once dialled.
func countingDialer() (*Dialer, func() *countingConn) {
	return countingDialerTLS(nil)
}

// countingDialerTLS is countingDialer with TLS on top of the counted
// connection (nil: none).
func countingDialerTLS(tlsConfig *tls.Config) (*Dialer, func() *countingConn) {
	var last atomic.Pointer[countingConn]
	tr := &http.Transport{TLSClientConfig: tlsConfig, DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
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
// the TLS stream intact: after Reads interrupted while nothing comes, a
// 1 MiB message whose Read's context ends among its records (the server
// starts it after those Reads and pauses halfway; the context ends once the client has read past a quarter
// of it, and the server goes on only once the interrupt's deadline has
// stopped a socket read) comes whole from that Read.
func TestReadContextEndsWithoutClosingOverTLS(t *testing.T) {
	big := bytes.Repeat([]byte("0123456789abcdef"), 64<<10) // 1 MiB: many TLS records
	start, halfway, resume := make(chan struct{}), make(chan struct{}), make(chan struct{})
	stop := make(chan struct{}) // the test ends: the handler returns
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ws, err := websocket.Accept(w, r, nil)
		if err != nil {
			return
		}
		defer ws.CloseNow()
		select {
		case <-start:
		case <-stop:
			return
		}
		wr, err := ws.Writer(r.Context(), websocket.MessageBinary)
		if err != nil {
			return
		}
		_, _ = wr.Write(big[:len(big)/2])
		close(halfway)
		select {
		case <-resume:
		case <-stop:
			return
		}
		_, _ = wr.Write(big[len(big)/2:])
		_ = wr.Close()
		_, _, _ = ws.Read(r.Context()) // until the client closes
	}))
	defer srv.Close()
	defer close(stop) // before srv.Close, which waits for the handler
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	d, socket := countingDialerTLS(srv.Client().Transport.(*http.Transport).TLSClientConfig)
	tc, err := d.Dial(ctx, "wss"+strings.TrimPrefix(srv.URL, "https"), transport.DialOptions{ReadLimit: 8 << 20})
	if err != nil {
		t.Fatal(err)
	}
	defer tc.Close(1000, "")
	if !tc.(*conn).InterruptibleRead() {
		t.Fatal("InterruptibleRead() = false over TLS")
	}
	for i := range 3 { // Reads interrupted while nothing comes: the stream reads on
		rctx, rcancel := context.WithTimeout(ctx, time.Duration(i)*200*time.Microsecond)
		_, err := tc.Read(rctx)
		rcancel()
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("round %d: Read with nothing sent: %v, want context.DeadlineExceeded", i, err)
		}
	}
	rctx, rcancel := context.WithCancel(ctx)
	defer rcancel()
	before := socket().read.Load()
	got := make(chan transport.Message, 1)
	errc := make(chan error, 1)
	go func() {
		m, err := tc.Read(rctx)
		got <- m
		errc <- err
	}()
	close(start)
	<-halfway
	waitUntil(t, ctx, "the client reading past a quarter of the message", func() bool {
		return socket().read.Load()-before > int64(len(big)/4)
	})
	rcancel()
	waitUntil(t, ctx, "the interrupt stopping a socket read", func() bool { return socket().deadlines.Load() > 0 })
	close(resume)
	m, err := <-got, <-errc
	if err != nil || !bytes.Equal(m.Data, big) {
		t.Fatalf("the Read whose context ended among the records: %d bytes, %v; want the whole %d", len(m.Data), err, len(big))
	}
}
