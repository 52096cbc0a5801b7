//go:build !js

package testserver

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/coder/websocket"
)

// patience bounds every wait for something that must happen (an echo, a
// close, a dial): long, so a busy machine never fails a test by being slow.
// Waits for something that must not happen use their own short windows.
const patience = 20 * time.Second

// start runs a server for the test and closes it at cleanup.
func start(t *testing.T, opts Options) *Running {
	t.Helper()
	r, err := Start("", opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := r.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return r
}

// timeout returns a context bounded to d (at most patience) and tied to the test.
func timeout(t *testing.T, d time.Duration) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), min(d, patience))
	t.Cleanup(cancel)
	return ctx
}

// dial opens a WebSocket to url with the given offer; the connection is closed
// at cleanup.
func dial(t *testing.T, url string, offer ...string) *websocket.Conn {
	t.Helper()
	c, _, err := tryDial(t, url, offer...)
	if err != nil {
		t.Fatalf("dial %s: %v", url, err)
	}
	return c
}

func tryDial(t *testing.T, url string, offer ...string) (*websocket.Conn, *http.Response, error) {
	t.Helper()
	c, resp, err := websocket.Dial(timeout(t, patience), url, &websocket.DialOptions{Subprotocols: offer})
	if c != nil {
		t.Cleanup(func() { _ = c.CloseNow() })
	}
	return c, resp, err
}

// dialPinnedSend dials like dial, with the client's send buffer pinned to
// SlowReadBuffer bytes before the handshake (no autotuning).
func dialPinnedSend(t *testing.T, url string) *websocket.Conn {
	t.Helper()
	netDial := func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := (&net.Dialer{}).DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		if err := c.(*net.TCPConn).SetWriteBuffer(SlowReadBuffer); err != nil {
			_ = c.Close()
			return nil, err
		}
		return c, nil
	}
	opts := &websocket.DialOptions{HTTPClient: &http.Client{Transport: &http.Transport{DialContext: netDial}}}
	c, _, err := websocket.Dial(timeout(t, patience), url, opts)
	if err != nil {
		t.Fatalf("dial %s: %v", url, err)
	}
	t.Cleanup(func() { _ = c.CloseNow() })
	return c
}

// read reads one message within d.
func read(t *testing.T, c *websocket.Conn, d time.Duration) (websocket.MessageType, string, error) {
	t.Helper()
	typ, b, err := c.Read(timeout(t, d))
	return typ, string(b), err
}

// write writes a text message within patience.
func write(t *testing.T, c *websocket.Conn, msg string) {
	t.Helper()
	if err := c.Write(timeout(t, patience), websocket.MessageText, []byte(msg)); err != nil {
		t.Fatalf("write %q: %v", msg, err)
	}
}

// expectEcho writes msg and checks it comes back as text.
func expectEcho(t *testing.T, c *websocket.Conn, msg string) {
	t.Helper()
	write(t, c, msg)
	typ, got, err := read(t, c, patience)
	if err != nil || typ != websocket.MessageText || got != msg {
		t.Fatalf("echo of %q: got %v %q, err %v", msg, typ, got, err)
	}
}

// waitFor polls cond on a short ticker until it holds or patience passes.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	deadline := time.NewTimer(patience)
	defer deadline.Stop()
	for !cond() {
		select {
		case <-tick.C:
		case <-deadline.C:
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// liveConn returns one live server-side connection, or nil.
func liveConn(s *Server) *tapConn {
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.live {
		return c
	}
	return nil
}

// closeLog is a slog.Handler that keeps the err of every "close sent" record:
// nil when the client answered the server's close frame, the error when the
// close grace ran out first.
type closeLog struct {
	mu   sync.Mutex
	errs []any
}

func (l *closeLog) logger() *slog.Logger { return slog.New(l) }

func (l *closeLog) Enabled(context.Context, slog.Level) bool { return true }
func (l *closeLog) WithAttrs([]slog.Attr) slog.Handler       { return l }
func (l *closeLog) WithGroup(string) slog.Handler            { return l }

func (l *closeLog) Handle(_ context.Context, r slog.Record) error {
	if r.Message != "testserver: close sent" {
		return nil
	}
	var err any
	r.Attrs(func(a slog.Attr) bool {
		if a.Key == "err" {
			err = a.Value.Any()
		}
		return true
	})
	l.mu.Lock()
	l.errs = append(l.errs, err)
	l.mu.Unlock()
	return nil
}

// closes returns how many close frames the server sent and the errors of those
// whose answer never came.
func (l *closeLog) closes() (n int, failed []any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, err := range l.errs {
		if err != nil {
			failed = append(failed, err)
		}
	}
	return len(l.errs), failed
}
