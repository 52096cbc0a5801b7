//go:build !js

package native

import (
	"bufio"
	"context"
	"crypto/tls"
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httptrace"
	"net/url"
	"os"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/tetherws/tether/transport"
)

// handshakeListener accepts connections on loopback and runs serve on each,
// each on a goroutine of its own, with the handshake request it read; the
// connection is closed when serve returns. It returns the listener's
// host:port. The test's end (t.Context) is the moment for a serve that
// holds its connection to return; cleanup waits for every one.
func handshakeListener(t *testing.T, serve func(conn net.Conn, req *http.Request)) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	t.Cleanup(func() { _ = ln.Close(); wg.Wait() })
	wg.Go(func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Go(func() {
				defer conn.Close()
				req, err := http.ReadRequest(bufio.NewReader(conn))
				if err == nil {
					serve(conn, req)
				}
			})
		}
	})
	return ln.Addr().String()
}

// switching is a 101 answer to req.
func switching(req *http.Request) string {
	return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
		"Sec-WebSocket-Accept: " + acceptKey(req.Header.Get("Sec-WebSocket-Key")) + "\r\n\r\n"
}

// waitClosed reports whether the client closed conn within a few seconds
// (an end of file, or a reset when the client left bytes unread).
func waitClosed(conn net.Conn) bool {
	_ = conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	_, err := io.Copy(io.Discard, conn)
	return !errors.Is(err, os.ErrDeadlineExceeded)
}

// expectRead reads one message from c and checks it is want.
func expectRead(t *testing.T, c transport.Conn, want string) {
	t.Helper()
	m, err := c.Read(testCtx(t))
	if err != nil || string(m.Data) != want {
		t.Errorf("Read = %q, %v; want %q", m.Data, err, want)
	}
}

func dialWith(ctx context.Context, tr *http.Transport, url string) (transport.Conn, error) {
	return (&Dialer{HTTPClient: &http.Client{Transport: tr}}).Dial(ctx, url, transport.DialOptions{})
}

func TestDirectTransport(t *testing.T) {
	req := func(rawURL string, ctx context.Context) *http.Request {
		r, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	bg := context.Background()
	traced := httptrace.WithClientTrace(bg, &httptrace.ClientTrace{})
	proxy, _ := url.Parse("http://127.0.0.1:3128")
	dialTLS := func(context.Context, string, string) (net.Conn, error) { return nil, errors.New("unused") }
	cases := []struct {
		name string
		tr   *http.Transport
		req  *http.Request
		want bool
	}{
		{"plain", &http.Transport{}, req("http://example.test/", bg), true},
		{"tls", &http.Transport{}, req("https://example.test/", bg), true},
		{"no proxy for the host", &http.Transport{Proxy: func(*http.Request) (*url.URL, error) { return nil, nil }}, req("http://example.test/", bg), true},
		{"proxied", &http.Transport{Proxy: http.ProxyURL(proxy)}, req("http://example.test/", bg), false},
		{"proxy error", &http.Transport{Proxy: func(*http.Request) (*url.URL, error) { return nil, errors.New("bad") }}, req("http://example.test/", bg), false},
		{"own TLS dial", &http.Transport{DialTLSContext: dialTLS}, req("https://example.test/", bg), false},
		{"caller's trace", &http.Transport{}, req("http://example.test/", traced), false},
		{"other scheme", &http.Transport{}, req("ftp://example.test/", bg), false},
		{"international host name", &http.Transport{}, req("http://bücher.example/", bg), false},
	}
	for _, c := range cases {
		if got := directTransport(c.tr, c.req); got != c.want {
			t.Errorf("%s: directTransport = %v, want %v", c.name, got, c.want)
		}
	}
}

// The handshake goes out on a connection from the Transport's DialContext,
// called on the dialing goroutine (net/http's pool would call it from a
// goroutine of its own), and the connection carries the messages after it.
func TestDirectHandshakeUsesTransportDial(t *testing.T) {
	url, requests := acceptServer(t, false)
	var dials, pooled atomic.Int32
	tr := &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		dials.Add(1)
		if !strings.Contains(string(debug.Stack()), "native.roundTripDirect") {
			pooled.Add(1)
		}
		return (&net.Dialer{}).DialContext(ctx, network, addr)
	}}
	c, err := dialWith(testCtx(t), tr, url)
	if err != nil {
		t.Fatalf("Dial: %v", err)
	}
	defer c.Abort(transport.StatusNormalClosure, "")
	<-requests
	var ce *transport.CloseError
	if _, err := c.Read(testCtx(t)); !errors.As(err, &ce) || ce.Code != int(transport.StatusNormalClosure) || !ce.Remote {
		t.Errorf("Read: %v, want the server's normal closure", err)
	}
	if n := dials.Load(); n != 1 {
		t.Errorf("DialContext called %d times, want 1", n)
	}
	if pooled.Load() != 0 {
		t.Error("the handshake was dialed by net/http's Transport, not on its own connection")
	}
}

// Over TLS the Transport's TLSClientConfig is used, offering HTTP/1.1 alone:
// the server offers h2 too, and a handshake that let it choose h2 would fail.
func TestDirectHandshakeTLS(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ws, err := websocket.Accept(w, r, nil)
		if err != nil {
			return
		}
		_ = ws.Write(r.Context(), websocket.MessageText, []byte("over tls"))
		_ = ws.Close(websocket.StatusNormalClosure, "")
	})
	srv := httptest.NewUnstartedServer(h)
	srv.EnableHTTP2 = true
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.StartTLS()
	defer srv.Close()
	cfg := srv.Client().Transport.(*http.Transport).TLSClientConfig.Clone()
	cfg.NextProtos = []string{"h2", "http/1.1"}
	c, err := dialWith(testCtx(t), &http.Transport{TLSClientConfig: cfg}, "wss"+strings.TrimPrefix(srv.URL, "https"))
	if err != nil {
		t.Fatalf("Dial: %v", err)
	}
	defer c.Abort(transport.StatusNormalClosure, "")
	expectRead(t, c, "over tls")
	if len(cfg.NextProtos) != 2 {
		t.Errorf("the caller's TLS config changed: NextProtos %q", cfg.NextProtos)
	}
}

// A request the Transport's Proxy sends to a proxy goes through the
// Transport: the proxy gets it, the server is never contacted.
func TestHandshakeThroughProxy(t *testing.T) {
	target := make(chan string, 1)
	addr := handshakeListener(t, func(conn net.Conn, req *http.Request) {
		target <- req.RequestURI
		_, _ = io.WriteString(conn, "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
	})
	proxy, _ := url.Parse("http://" + addr)
	_, err := dialWith(testCtx(t), &http.Transport{Proxy: http.ProxyURL(proxy)}, "ws://192.0.2.1:9/feed")
	var he *transport.HandshakeError
	if !errors.As(err, &he) || he.Status != http.StatusForbidden {
		t.Fatalf("Dial: %v, want the proxy's 403", err)
	}
	if got := <-target; got != "http://192.0.2.1:9/feed" {
		t.Errorf("proxy saw request target %q, want the absolute URL", got)
	}
}

// A server that reads the handshake and never answers: the end of the
// dial's context ends the dial at once and closes the connection.
func TestDirectHandshakeContextEnds(t *testing.T) {
	read := make(chan struct{})
	closed := make(chan bool, 1)
	addr := handshakeListener(t, func(conn net.Conn, _ *http.Request) {
		close(read)
		closed <- waitClosed(conn)
	})
	ctx, cancel := context.WithCancel(testCtx(t))
	go func() { <-read; cancel() }()
	_, err := dialWith(ctx, &http.Transport{}, "ws://"+addr+"/")
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Dial: %v, want context.Canceled", err)
	}
	if !<-closed {
		t.Error("the connection was left open")
	}
}

// A frame the server sends in the same segment as its 101 answer is the
// first message read.
func TestDirectHandshakeFrameWithAnswer(t *testing.T) {
	addr := handshakeListener(t, func(conn net.Conn, req *http.Request) {
		_, _ = io.WriteString(conn, switching(req)+string(frame(true, 0x1, "early")))
		waitClosed(conn)
	})
	c, err := dialWith(testCtx(t), &http.Transport{}, "ws://"+addr+"/")
	if err != nil {
		t.Fatalf("Dial: %v", err)
	}
	defer c.Abort(transport.StatusNormalClosure, "")
	expectRead(t, c, "early")
}

// Informational answers before the 101 are skipped, as net/http's Transport
// skips them; more than five fail the dial.
func TestDirectHandshakeInformational(t *testing.T) {
	hints := func(n int) string {
		return strings.Repeat("HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n", n)
	}
	for _, n := range []int{1, 5, 6} {
		addr := handshakeListener(t, func(conn net.Conn, req *http.Request) {
			_, _ = io.WriteString(conn, hints(n)+switching(req)+string(frame(true, 0x1, "after hints")))
			waitClosed(conn)
		})
		c, err := dialWith(testCtx(t), &http.Transport{}, "ws://"+addr+"/")
		if n > 5 {
			if err == nil {
				c.Abort(transport.StatusNormalClosure, "")
				t.Errorf("%d informational answers: Dial succeeded, want an error", n)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%d informational answers: Dial: %v", n, err)
		}
		expectRead(t, c, "after hints")
		c.Abort(transport.StatusNormalClosure, "")
	}
}

// An answer whose header does not end within the Transport's
// MaxResponseHeaderBytes fails the dial and closes the connection; a shorter
// one passes.
func TestDirectHandshakeAnswerTooLong(t *testing.T) {
	closed := make(chan bool, 1)
	addr := handshakeListener(t, func(conn net.Conn, req *http.Request) {
		pad := "X-Pad: " + strings.Repeat("a", 8<<10) + "\r\n"
		_, _ = io.WriteString(conn, strings.Replace(switching(req), "\r\n\r\n", "\r\n"+pad+"\r\n", 1))
		closed <- waitClosed(conn)
	})
	_, err := dialWith(testCtx(t), &http.Transport{MaxResponseHeaderBytes: 4 << 10}, "ws://"+addr+"/")
	var ne *transport.NetworkError
	if !errors.Is(err, errAnswerTooLong) || !errors.As(err, &ne) {
		t.Errorf("Dial: %v (%T), want a NetworkError for the long answer", err, err)
	}
	if !<-closed {
		t.Error("the connection was left open")
	}
	c, err := dialWith(testCtx(t), &http.Transport{MaxResponseHeaderBytes: 16 << 10}, "ws://"+addr+"/")
	if err != nil {
		t.Fatalf("Dial with a 16 KiB limit: %v", err)
	}
	c.Abort(transport.StatusNormalClosure, "")
	<-closed
}

// An answer other than 101 fails the dial with its status and closes the
// connection, though the server keeps it open.
func TestDirectHandshakeRefused(t *testing.T) {
	closed := make(chan bool, 1)
	addr := handshakeListener(t, func(conn net.Conn, _ *http.Request) {
		_, _ = io.WriteString(conn, "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 2\r\nContent-Length: 4\r\n\r\nbusy")
		closed <- waitClosed(conn)
	})
	_, err := dialWith(testCtx(t), &http.Transport{}, "ws://"+addr+"/")
	var he *transport.HandshakeError
	if !errors.As(err, &he) || he.Status != http.StatusServiceUnavailable || he.RetryAfter != 2*time.Second {
		t.Errorf("Dial: %v, want a 503 HandshakeError with RetryAfter 2s", err)
	}
	if !<-closed {
		t.Error("the connection was left open")
	}
}

// handshakeTLSConfig never changes the caller's config.
func TestHandshakeTLSConfig(t *testing.T) {
	base := &tls.Config{NextProtos: []string{"h2", "http/1.1"}}
	cfg := handshakeTLSConfig(base, "example.test")
	if cfg.ServerName != "example.test" || len(cfg.NextProtos) != 1 || cfg.NextProtos[0] != "http/1.1" {
		t.Errorf("config: ServerName %q, NextProtos %q", cfg.ServerName, cfg.NextProtos)
	}
	if base.ServerName != "" || len(base.NextProtos) != 2 {
		t.Errorf("base changed: %q %q", base.ServerName, base.NextProtos)
	}
	if cfg := handshakeTLSConfig(&tls.Config{NextProtos: []string{"h2"}}, "h"); len(cfg.NextProtos) != 0 {
		t.Errorf("NextProtos %q, want none", cfg.NextProtos)
	}
}
