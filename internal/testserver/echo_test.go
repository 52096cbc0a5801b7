//go:build !js

package testserver

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
)

func TestEchoTextAndBinary(t *testing.T) {
	r := start(t, Options{})
	c := dial(t, r.URL("/echo"))
	c.SetReadLimit(1 << 20)
	expectEcho(t, c, "hello")
	bin := bytes.Repeat([]byte{0, 1, 2, 255}, 50000)
	if err := c.Write(timeout(t, patience), websocket.MessageBinary, bin); err != nil {
		t.Fatal(err)
	}
	typ, got, err := c.Read(timeout(t, patience))
	if err != nil || typ != websocket.MessageBinary || !bytes.Equal(got, bin) {
		t.Fatalf("binary echo: type %v, %d bytes, err %v", typ, len(got), err)
	}
	if n := r.Server().Conns(); n != 1 {
		t.Fatalf("Conns = %d, want 1", n)
	}
	if err := c.Close(websocket.StatusNormalClosure, "bye"); err != nil {
		t.Fatalf("clean close: %v", err)
	}
	waitFor(t, "Conns()==0", func() bool { return r.Server().Conns() == 0 })
}

func TestDropAfter(t *testing.T) {
	r := start(t, Options{})
	c := dial(t, r.URL("/chaos?drop_after=50"))
	_, _, err := read(t, c, patience)
	if err == nil || websocket.CloseStatus(err) != -1 || errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("read after drop: err = %v, want a failure without close frame", err)
	}
}

func TestCloseAfter(t *testing.T) {
	r := start(t, Options{})
	c := dial(t, r.URL("/chaos?close_after=20&code=4001&reason=go+away"))
	_, _, err := read(t, c, patience)
	var ce websocket.CloseError
	if !errors.As(err, &ce) || ce.Code != 4001 || ce.Reason != "go away" {
		t.Fatalf("read: err = %v, want close 4001 \"go away\"", err)
	}
}

func TestBlackholeAfter(t *testing.T) {
	r := start(t, Options{})
	c := dial(t, r.URL("/chaos?blackhole_after=1"))
	waitFor(t, "server to go silent", func() bool {
		tc := liveConn(r.Server())
		return tc != nil && tc.isSilent()
	})
	write(t, c, "anyone?")
	_, _, err := read(t, c, 300*time.Millisecond)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("read from a silent server: err = %v, want a timeout", err)
	}
	// The client gave up and closed; the silent server notices the TCP close.
	waitFor(t, "Conns()==0", func() bool { return r.Server().Conns() == 0 })
}

func TestStatusAndRetryAfter(t *testing.T) {
	r := start(t, Options{})
	for _, path := range []string{"/echo?status=503&retry_after=7", "/reject?status=503&retry_after=7"} {
		_, resp, err := tryDial(t, r.URL(path))
		if err == nil || resp == nil {
			t.Fatalf("%s: dial err = %v, resp = %v; want a refusal", path, err, resp)
		}
		if resp.StatusCode != 503 || resp.Header.Get("Retry-After") != "7" {
			t.Fatalf("%s: status %d, Retry-After %q; want 503 and 7", path, resp.StatusCode, resp.Header.Get("Retry-After"))
		}
	}
	_, resp, _ := tryDial(t, r.URL("/reject"))
	if resp == nil || resp.StatusCode != 400 || resp.Header.Get("Retry-After") != "" {
		t.Fatalf("/reject: resp %v, want 400 without Retry-After", resp)
	}
}

func TestAppPing(t *testing.T) {
	r := start(t, Options{})
	c := dial(t, r.URL("/chaos?app_ping=1"))
	for _, tc := range []struct{ in, want string }{
		{`{"type":"ping"}`, `{"type":"pong"}`},
		{`{"type":"ping","id":7}`, `{"id":7,"type":"pong"}`},
		{`{"type":"chat"}`, `{"type":"chat"}`},
		{`hello`, `hello`},
	} {
		write(t, c, tc.in)
		if _, got, err := read(t, c, patience); err != nil || got != tc.want {
			t.Fatalf("sent %s: got %q, err %v; want %s", tc.in, got, err, tc.want)
		}
	}
}

func TestServerPingEvery(t *testing.T) {
	r := start(t, Options{})
	c := dial(t, r.URL("/chaos?server_ping_every=20"))
	for range 2 {
		if _, got, err := read(t, c, patience); err != nil || got != `{"type":"ping"}` {
			t.Fatalf("got %q, err %v; want a server ping", got, err)
		}
	}
	write(t, c, `{"type":"pong"}`)
	write(t, c, "marker")
	for {
		_, got, err := read(t, c, patience)
		if err != nil {
			t.Fatal(err)
		}
		if got == "marker" {
			return
		}
		if got != `{"type":"ping"}` {
			t.Fatalf("got %q: the pong must not be echoed", got)
		}
	}
}

func TestDelayAndHold(t *testing.T) {
	r := start(t, Options{})
	c := dial(t, r.URL("/chaos?delay_ms=150"))
	begin := time.Now()
	expectEcho(t, c, "slow")
	if d := time.Since(begin); d < 150*time.Millisecond {
		t.Fatalf("echo after %v, want at least 150ms", d)
	}
	h := dial(t, r.URL("/chaos?hold=1"))
	write(t, h, "void")
	if _, _, err := read(t, h, 200*time.Millisecond); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("hold: err = %v, want a timeout", err)
	}
}

// TestSlowReadFillsBuffers: writes to a slow_read connection stall once the
// socket buffers are full. Both are pinned (the server's by slow_read, the
// client's here), so that happens after a few hundred KiB on every machine,
// far below 64 MiB whatever the kernel's TCP autotuning would allow.
func TestSlowReadFillsBuffers(t *testing.T) {
	r := start(t, Options{})
	c := dialPinnedSend(t, r.URL("/chaos?slow_read=1"))
	msg := bytes.Repeat([]byte("x"), 1<<20)
	for i := range 64 {
		ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
		err := c.Write(ctx, websocket.MessageBinary, msg)
		cancel()
		if errors.Is(err, context.DeadlineExceeded) {
			return
		}
		if err != nil {
			t.Fatalf("write %d: %v", i, err)
		}
	}
	t.Fatal("64 MiB written to a server that does not read")
}

func TestAcceptThenClose(t *testing.T) {
	r := start(t, Options{})
	url := r.URL("/chaos?accept_then_close=1&key=atc")
	c := dial(t, url)
	if _, _, err := read(t, c, patience); websocket.CloseStatus(err) != websocket.StatusInternalError {
		t.Fatalf("first connection: err = %v, want close 1011", err)
	}
	expectEcho(t, dial(t, url), "second")
}

func TestDropAll(t *testing.T) {
	r := start(t, Options{})
	a, b := dial(t, r.URL("/echo")), dial(t, r.URL("/subprotocol/select?proto=x"), "x")
	waitFor(t, "two live connections", func() bool { return r.Server().Conns() == 2 })
	r.Server().DropAll()
	for _, c := range []*websocket.Conn{a, b} {
		_, _, err := read(t, c, patience)
		if err == nil || websocket.CloseStatus(err) != -1 || errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("read after DropAll: err = %v, want a failure without close frame", err)
		}
	}
	waitFor(t, "Conns()==0", func() bool { return r.Server().Conns() == 0 })
}

func TestReadLimit(t *testing.T) {
	r := start(t, Options{ReadLimit: 16})
	c := dial(t, r.URL("/echo"))
	write(t, c, strings.Repeat("y", 17))
	if _, _, err := read(t, c, patience); websocket.CloseStatus(err) != websocket.StatusMessageTooBig {
		t.Fatalf("err = %v, want close 1009", err)
	}
}
