//go:build !js

package testserver

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/coder/websocket"
)

func TestCheckLoopback(t *testing.T) {
	for _, tc := range []struct {
		addr string
		ok   bool
	}{
		{"127.0.0.1:0", true}, {"[::1]:8080", true}, {"localhost:9", true}, {"127.5.5.5:1", true},
		{":0", false}, {"0.0.0.0:0", false}, {"[::]:0", false}, {"10.0.0.1:80", false},
		{"example.com:80", false}, {"no-port", false},
	} {
		if err := checkLoopback(tc.addr); (err == nil) != tc.ok {
			t.Errorf("checkLoopback(%q) = %v, want ok=%v", tc.addr, err, tc.ok)
		}
	}
	if _, err := Start(":0", Options{}); err == nil {
		t.Fatal("Start listened on all interfaces without AllowNonLoopback")
	}
}

func TestURLs(t *testing.T) {
	r := start(t, Options{})
	if !strings.HasPrefix(r.Addr(), "127.0.0.1:") {
		t.Fatalf("Addr = %q, want loopback", r.Addr())
	}
	if got, want := r.URL("echo"), "ws://"+r.Addr()+"/echo"; got != want {
		t.Fatalf("URL = %q, want %q", got, want)
	}
	if got, want := r.HTTPURL("/stats"), "http://"+r.Addr()+"/stats"; got != want {
		t.Fatalf("HTTPURL = %q, want %q", got, want)
	}
}

// TestHandlerOnHTTPTest uses the bare handler, as tests across the repo will.
func TestHandlerOnHTTPTest(t *testing.T) {
	log := &closeLog{}
	srv := New(Options{Subprotocols: []string{"x"}, Logger: log.logger()})
	ts := httptest.NewServer(srv)
	defer ts.Close()
	defer srv.Close()
	c := dial(t, "ws"+strings.TrimPrefix(ts.URL, "http")+"/echo", "x")
	if c.Subprotocol() != "x" {
		t.Fatalf("subprotocol %q", c.Subprotocol())
	}
	expectEcho(t, c, "via httptest")
	readErr := make(chan error, 1)
	go func() { _, _, err := c.Read(timeout(t, patience)); readErr <- err }()
	srv.Close()
	// A reading client answers the close frame: Close waited for that answer,
	// not for the close grace to run out.
	if n, failed := log.closes(); n != 1 || len(failed) != 0 {
		t.Errorf("Close sent %d close frames, %d unanswered (%v); want 1 answered", n, len(failed), failed)
	}
	if err := <-readErr; websocket.CloseStatus(err) != websocket.StatusGoingAway {
		t.Fatalf("after Close: err = %v, want close 1001", err)
	}
	_, resp, err := tryDial(t, "ws"+strings.TrimPrefix(ts.URL, "http")+"/echo")
	if err == nil || resp == nil || resp.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("dial after Close: err %v; want 503", err)
	}
	srv.Close() // idempotent
}

func TestCloseLeavesNoGoroutines(t *testing.T) {
	before := runtime.NumGoroutine()
	log := &closeLog{}
	r, err := Start("", Options{Logger: log.logger()})
	if err != nil {
		t.Fatal(err)
	}
	var clients []*websocket.Conn
	for _, path := range []string{
		"/echo", "/chaos?key=silent", "/chaos?slow_read=1", "/chaos?server_ping_every=10",
		"/chaos?delay_ms=1000&drop_after=60000", "/subprotocol/select?proto=p", "/subprotocol/none",
	} {
		c, _, err := websocket.Dial(timeout(t, patience), r.URL(path), &websocket.DialOptions{Subprotocols: []string{"p"}})
		if err != nil {
			t.Fatalf("dial %s: %v", path, err)
		}
		clients = append(clients, c)
	}
	write(t, clients[4], "delayed") // a handler is waiting in delay_ms
	// Clients answer close frames only while reading, so each reads until its
	// connection ends (a server ping or the delayed echo may come first).
	var wg sync.WaitGroup
	for _, c := range clients {
		wg.Go(func() {
			ctx := timeout(t, patience)
			for {
				if _, _, err := c.Read(ctx); err != nil {
					return
				}
			}
		})
	}
	waitFor(t, "7 live connections", func() bool { return r.Server().Conns() == 7 })
	// Silence one before closing, and know it is silent: a blackhole_after
	// timer could still be running when Close comes (a busy machine), and
	// the connection would then rightly get a close frame.
	if n := r.Server().Blackhole("silent"); n != 1 {
		t.Fatalf("blackholed %d connections, want 1", n)
	}
	if err := r.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	// The four connections that can talk (/echo, server pings, delay_ms,
	// /subprotocol/none) got a close frame each, and every client answered:
	// no close grace ran out. The silent and hand-written ones were dropped.
	if n, failed := log.closes(); n != 4 || len(failed) != 0 {
		t.Fatalf("Close sent %d close frames, %d unanswered (%v); want 4 answered", n, len(failed), failed)
	}
	wg.Wait()
	for _, c := range clients {
		_ = c.CloseNow()
	}
	waitFor(t, "goroutines to exit", func() bool { return runtime.NumGoroutine() <= before })
}

func TestLogsNoQuery(t *testing.T) {
	var buf bytes.Buffer
	var mu sync.Mutex
	log := slog.New(slog.NewTextHandler(&lockedWriter{w: &buf, mu: &mu}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	r := start(t, Options{Logger: log})
	c := dial(t, r.URL("/echo?key=k&token=SECRET"))
	expectEcho(t, c, "x")
	_ = c.Close(websocket.StatusNormalClosure, "")
	waitFor(t, "Conns()==0", func() bool { return r.Server().Conns() == 0 })
	mu.Lock()
	defer mu.Unlock()
	if out := buf.String(); !strings.Contains(out, "key=k") || strings.Contains(out, "SECRET") {
		t.Fatalf("log must name the key and never the query:\n%s", out)
	}
}

type lockedWriter struct {
	w  *bytes.Buffer
	mu *sync.Mutex
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
