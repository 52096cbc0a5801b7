//go:build !js

package testserver

import (
	"bufio"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
)

func TestSubprotocolSelection(t *testing.T) {
	r := start(t, Options{Subprotocols: []string{"a", "b"}})
	for _, tc := range []struct {
		offer []string
		want  string
	}{
		{[]string{"b", "a"}, "b"},
		{[]string{"a", "b"}, "a"},
		{[]string{"c", "b"}, "b"},
		{[]string{"c"}, ""},
		{[]string{"A"}, ""}, // exact match only
		{nil, ""},
	} {
		c := dial(t, r.URL("/echo"), tc.offer...)
		if got := c.Subprotocol(); got != tc.want {
			t.Errorf("offer %q: selected %q, want %q", tc.offer, got, tc.want)
		}
		_ = c.CloseNow()
	}
}

func TestSubprotocolNone(t *testing.T) {
	r := start(t, Options{Subprotocols: []string{"a"}})
	c := dial(t, r.URL("/subprotocol/none"), "a")
	if got := c.Subprotocol(); got != "" {
		t.Fatalf("selected %q, want none", got)
	}
	expectEcho(t, c, "still echoes")
}

func TestSubprotocolBogusAndMulti(t *testing.T) {
	r := start(t, Options{})
	for _, tc := range []struct{ path, header string }{
		{"/subprotocol/bogus", "not-offered"},
		{"/subprotocol/bogus?proto=zzz", "zzz"},
		{"/subprotocol/multi", "a, b"},
	} {
		if _, _, err := tryDial(t, r.URL(tc.path), "a", "b"); err == nil {
			t.Errorf("%s: coder/websocket accepted the handshake", tc.path)
		}
		resp := rawHandshake(t, r.Addr(), tc.path, "a, b")
		if resp.StatusCode != 101 || resp.Header.Get("Sec-WebSocket-Protocol") != tc.header {
			t.Errorf("%s: status %d, protocol %q; want 101 and %q", tc.path, resp.StatusCode,
				resp.Header.Get("Sec-WebSocket-Protocol"), tc.header)
		}
	}
	waitFor(t, "Conns()==0 after clients gave up", func() bool { return r.Server().Conns() == 0 })
}

// TestSubprotocolSelect uses a client that, unlike Tether, compares case-insensitively:
// it accepts "CHAT" for "chat", and the hand-written peer then echoes and closes cleanly.
func TestSubprotocolSelect(t *testing.T) {
	r := start(t, Options{})
	c := dial(t, r.URL("/subprotocol/select?proto=CHAT"), "chat")
	if got := c.Subprotocol(); got != "CHAT" {
		t.Fatalf("selected %q, want CHAT", got)
	}
	expectEcho(t, c, "hi")
	c.SetReadLimit(1 << 20)
	big := strings.Repeat("z", 70000) // 64-bit length form
	expectEcho(t, c, big)
	if err := c.Close(websocket.StatusNormalClosure, ""); err != nil {
		t.Fatalf("close: %v", err)
	}
	if _, resp, err := tryDial(t, r.URL("/subprotocol/select")); err == nil || resp.StatusCode != 400 {
		t.Fatalf("select without proto: err %v, want 400", err)
	}
}

// rawHandshake sends a handshake by hand and returns the parsed response head.
func rawHandshake(t *testing.T, addr, path, offer string) *http.Response {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, patience)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(patience))
	req := "GET " + path + " HTTP/1.1\r\nHost: " + addr + "\r\nUpgrade: websocket\r\n" +
		"Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n" +
		"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: " + offer + "\r\n\r\n"
	if _, err := conn.Write([]byte(req)); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := resp.Header.Get("Sec-WebSocket-Accept"); got != "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=" {
		t.Fatalf("Sec-WebSocket-Accept = %q, want the RFC 6455 example value", got)
	}
	return resp
}
