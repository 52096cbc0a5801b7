//go:build unix

package sdk

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/tetherws/tether/internal/testserver"
	"github.com/tetherws/tether/transport"
	"github.com/tetherws/tether/transport/native"
)

// compressingEcho is a loopback echo server that accepts permessage-deflate
// with context takeover (and without, when that is all the client offers).
func compressingEcho(t testing.TB) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ws, err := websocket.Accept(w, r, &websocket.AcceptOptions{CompressionMode: websocket.CompressionContextTakeover})
		if err != nil {
			return
		}
		defer ws.CloseNow()
		for {
			typ, b, err := ws.Read(r.Context())
			if err != nil || ws.Write(r.Context(), typ, b) != nil {
				return
			}
		}
	}))
	t.Cleanup(srv.Close)
	return "ws" + strings.TrimPrefix(srv.URL, "http")
}

// wireDialer returns a native Dialer whose connections w counts.
func wireDialer(w *testserver.WireCounter) *native.Dialer {
	return &native.Dialer{HTTPClient: w.HTTPClient()}
}

var compressionModes = []struct {
	name string
	mode transport.Compression
}{
	{"off", transport.CompressionOff},
	{"no-context-takeover", transport.CompressionNoContextTakeover},
	{"context-takeover", transport.CompressionContextTakeover},
}

// jsonMessages are 64 JSON-like messages, built once.
var jsonMessages = func() []string {
	out := make([]string, 64)
	for i := range out {
		out[i] = string(testserver.JSONLike(i))
	}
	return out
}()

// echoJSON sends n JSON-like messages and reads each echo; it returns the
// bytes written to the socket per message after the handshake.
func echoJSON(tb testing.TB, c *Client, w *testserver.WireCounter, n int) float64 {
	ctx := context.Background()
	before := w.Written()
	for i := range n {
		want := jsonMessages[i%len(jsonMessages)]
		if err := c.Send(ctx, transport.TextMessage(want)); err != nil {
			tb.Fatal(err)
		}
		if m, err := c.Receive(ctx); err != nil || string(m.Data) != want {
			tb.Fatalf("echo %d: %d bytes, %v", i, len(m.Data), err)
		}
	}
	return float64(w.Written()-before) / float64(n)
}

// cpuTime is the process's user and system CPU time so far.
func cpuTime(tb testing.TB) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		tb.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// Options.Compression is offered natively: with a server that accepts it,
// a JSON-like message takes far fewer bytes on the wire, and arrives intact.
func TestCompressionShrinksTheWire(t *testing.T) {
	u := compressingEcho(t)
	size := float64(len(jsonMessages[0]))
	perMsg := map[transport.Compression]float64{}
	for _, m := range compressionModes {
		w := &testserver.WireCounter{}
		o := noReconnect()
		o.Heartbeat.Interval = 0 // defaults; pings are a few bytes against 200 messages
		o.Compression, o.Dialer = m.mode, wireDialer(w)
		c := dialT(t, u, o)
		perMsg[m.mode] = echoJSON(t, c, w, 200)
		t.Logf("%s: %.0f wire bytes per %.0f-byte message", m.name, perMsg[m.mode], size)
	}
	switch {
	case perMsg[transport.CompressionOff] < size:
		t.Errorf("uncompressed: %.0f bytes per message, less than the payload", perMsg[transport.CompressionOff])
	case perMsg[transport.CompressionNoContextTakeover] > 0.8*size:
		t.Errorf("no context takeover: %.0f bytes per %.0f-byte message; not compressed", perMsg[transport.CompressionNoContextTakeover], size)
	case perMsg[transport.CompressionContextTakeover] >= perMsg[transport.CompressionNoContextTakeover]:
		t.Errorf("context takeover (%.0f) no better than without (%.0f)", perMsg[transport.CompressionContextTakeover], perMsg[transport.CompressionNoContextTakeover])
	}
}

func TestCompressionOutOfRangeIsInvalid(t *testing.T) {
	for _, m := range []transport.Compression{-1, transport.CompressionContextTakeover + 1} {
		if _, err := New("ws://127.0.0.1:1/", &Options{Compression: m}); !errors.Is(err, ErrInvalidOptions) {
			t.Errorf("Compression %d: %v; want ErrInvalidOptions", m, err)
		}
	}
}

// BenchmarkCompression echoes JSON-like messages of about 1.2 KiB with each
// mode against a server that accepts permessage-deflate; wire-B/msg is what
// the client wrote to the socket per message, cpu-µs/msg the process's CPU
// time per round trip (client and server both compress and decompress: the
// client's share is about half). ns/op is a round trip.
func BenchmarkCompression(b *testing.B) {
	u := compressingEcho(b)
	for _, m := range compressionModes {
		b.Run(m.name, func(b *testing.B) {
			w := &testserver.WireCounter{}
			o := noReconnect()
			o.Compression, o.Dialer = m.mode, wireDialer(w)
			c, err := Dial(context.Background(), u, o)
			if err != nil {
				b.Fatal(err)
			}
			defer c.Close()
			b.ReportAllocs()
			b.ResetTimer()
			cpu := cpuTime(b)
			wire := echoJSON(b, c, w, b.N)
			b.ReportMetric(float64((cpuTime(b)-cpu).Microseconds())/float64(b.N), "cpu-µs/msg")
			b.ReportMetric(wire, "wire-B/msg")
		})
	}
}
