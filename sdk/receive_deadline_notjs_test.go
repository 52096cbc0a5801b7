//go:build !js

package sdk

import (
	"bytes"
	"context"
	"crypto/sha1"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tetherws/tether/heartbeat"
	"github.com/tetherws/tether/transport"
)

// TestReceiveDeadlinesLeaveConnectionOpen: natively, Receive reads directly
// with a context that can end, and its end leaves the connection open. A
// stream of messages of up to 100 KiB (many TCP segments each) is received
// with contexts so short that most end while a message is arriving or before
// it comes: every message arrives once, whole and in order, on the one
// connection (no CloseEvent, no second open).
func TestReceiveDeadlinesLeaveConnectionOpen(t *testing.T) {
	rec := newRecorder()
	c := dialT(t, testServerURL(t)+"/echo", rec.attach(&Options{}))
	if cn := c.ready.Load(); cn == nil || !cn.cancelableRead {
		t.Fatal("the native connection's reads cannot end with their context")
	}
	const n = 200
	payload := func(i int) []byte {
		return bytes.Repeat([]byte{byte('a' + i%26)}, 1+(i*7919)%(100<<10))
	}
	go func() {
		for i := range n {
			if err := c.Send(testCtx(t), transport.BinaryMessage(payload(i))); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	ended := 0
	for i := 0; i < n; {
		ctx, cancel := context.WithTimeout(testCtx(t), time.Duration(i%5)*100*time.Microsecond)
		m, err := c.Receive(ctx)
		cancel()
		switch {
		case errors.Is(err, context.DeadlineExceeded):
			ended++
			continue
		case err != nil:
			t.Fatalf("message %d: %v", i, err)
		case !bytes.Equal(m.Data, payload(i)):
			t.Fatalf("message %d: %d bytes %.8q…, want %d bytes %.8q…", i, len(m.Data), m.Data, len(payload(i)), payload(i))
		}
		i++
	}
	t.Logf("%d messages, %d Receive calls ended by their context", n, ended)
	evs := rec.snapshot()
	if opens, closes := len(eventsOf[OpenEvent](evs)), len(eventsOf[CloseEvent](evs)); opens != 1 || closes != 0 {
		t.Fatalf("%d opens and %d closes, want 1 and 0: %s", opens, closes, fmt.Sprint(evs))
	}
}

// TestReceiveDeadlinesInsideTrickledMessages: the server sends each message
// in 512-byte pieces with pauses between them, so that Receive contexts end
// inside messages (and inside frame headers) as often as between them. Every
// message still arrives once, whole and in order, on the one connection.
func TestReceiveDeadlinesInsideTrickledMessages(t *testing.T) {
	const n = 24
	payload := func(i int) []byte { return bytes.Repeat([]byte{byte('a' + i%26)}, 1+(i*7919)%(12<<10)) }
	url := tricklingServer(t, n, payload)
	rec := newRecorder()
	o := rec.attach(&Options{})
	o.Heartbeat.Mode = heartbeat.ModeOff // the hand-written server answers nothing
	c := dialT(t, url, o)
	ended := 0
	for i := 0; i < n; {
		ctx, cancel := context.WithTimeout(testCtx(t), time.Duration(1+i%3)*100*time.Microsecond)
		m, err := c.Receive(ctx)
		cancel()
		switch {
		case errors.Is(err, context.DeadlineExceeded):
			ended++
			continue
		case err != nil:
			t.Fatalf("message %d: %v", i, err)
		case !bytes.Equal(m.Data, payload(i)):
			t.Fatalf("message %d: %d bytes %.8q…, want %d bytes %.8q…", i, len(m.Data), m.Data, len(payload(i)), payload(i))
		}
		i++
	}
	t.Logf("%d messages, %d Receive calls ended by their context", n, ended)
	evs := rec.snapshot()
	if opens, closes := len(eventsOf[OpenEvent](evs)), len(eventsOf[CloseEvent](evs)); opens != 1 || closes != 0 {
		t.Fatalf("%d opens and %d closes, want 1 and 0: %s", opens, closes, fmt.Sprint(evs))
	}
}

// tricklingServer answers one WebSocket handshake by hand and sends n binary
// messages, payload(i) each, in 512-byte pieces 200 µs apart; then it waits
// for the client to go. It returns the ws:// URL.
func tricklingServer(t *testing.T, n int, payload func(int) []byte) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, brw, err := http.NewResponseController(w).Hijack()
		if err != nil {
			return
		}
		defer conn.Close()
		sum := sha1.Sum([]byte(r.Header.Get("Sec-WebSocket-Key") + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"))
		_, err = io.WriteString(conn, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"+
			"Sec-WebSocket-Accept: "+base64.StdEncoding.EncodeToString(sum[:])+"\r\n\r\n")
		for i := 0; i < n && err == nil; i++ {
			p := payload(i)
			frame := binary.BigEndian.AppendUint16([]byte{0x82, 126}, uint16(len(p)))
			frame = append(frame, p...)
			for len(frame) > 0 && err == nil {
				k := min(len(frame), 512)
				_, err = conn.Write(frame[:k])
				frame = frame[k:]
				time.Sleep(200 * time.Microsecond) // pacing, so reads wait inside messages
			}
		}
		_, _ = io.Copy(io.Discard, brw) // until the client closes
	}))
	t.Cleanup(srv.Close)
	return "ws" + strings.TrimPrefix(srv.URL, "http")
}

// TestNextDeliversEventsWhileReadingDirectly: a Next caller that reads the
// socket on its own goroutine (context.Background(), or a context that can
// end) still gets lifecycle events while no message comes: the event ends
// the read (natively, the transport's read interrupt) and Next returns it.
// The server sends nothing; the heartbeat's answers are the events.
func TestNextDeliversEventsWhileReadingDirectly(t *testing.T) {
	for _, name := range []string{"background", "deadline"} {
		o := &Options{StreamEvents: true}
		o.Heartbeat.Interval, o.Heartbeat.Timeout = 20*time.Millisecond, 5*time.Second
		c := dialT(t, testServerURL(t)+"/echo", o)
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		var bounded atomic.Bool // the bound ended the wait: the events waited behind the read
		stop := time.AfterFunc(10*time.Second, func() { bounded.Store(true); _ = c.Close() })
		defer stop.Stop()
		if name == "background" {
			ctx = context.Background()
		}
		beats := 0
		for beats < 3 {
			ev, err := c.Next(ctx)
			if err != nil {
				t.Fatalf("%s: Next after %d heartbeat events: %v", name, beats, err)
			}
			if _, ok := ev.(HeartbeatEvent); ok {
				beats++
			}
		}
		if bounded.Load() {
			t.Fatalf("%s: the heartbeat events came only when the read ended (the client was closed)", name)
		}
		_ = c.Close()
	}
}
