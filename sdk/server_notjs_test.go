//go:build !js

package sdk

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/coder/websocket"

	"github.com/tetherws/tether/internal/testserver"
	"github.com/tetherws/tether/transport/native"
)

// pinnedBuffer is the socket buffer, in bytes, that acceptingPeer (receive)
// and pinnedDialer (send) pin their connections to. Setting a buffer turns the
// kernel's autotuning off for that socket, so a test that needs a full pipe
// gets one after the same few hundred KiB on every machine, whatever
// net.ipv4.tcp_rmem and tcp_wmem allow (Linux doubles the value it is given).
const pinnedBuffer = 64 << 10

// testServerURL starts the scriptable test server for t and returns its
// ws://127.0.0.1:PORT base URL.
func testServerURL(t testing.TB) string {
	t.Helper()
	r, err := testserver.Start("", testserver.Options{Subprotocols: testProtocols, ReadLimit: 16 << 20})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = r.Close() })
	return strings.TrimSuffix(r.URL("/"), "/")
}

// acceptingPeer serves handle, after a WebSocket Accept, on a loopback
// httptest server closed with the test, and returns its ws:// URL. Its
// connections' receive buffers are pinned to pinnedBuffer.
func acceptingPeer(t testing.TB, handle func(ws *websocket.Conn)) string {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ws, err := websocket.Accept(w, r, nil)
		if err != nil {
			return
		}
		defer ws.CloseNow()
		handle(ws)
	}))
	srv.Listener = pinnedListener{srv.Listener}
	srv.Start()
	t.Cleanup(srv.Close)
	return "ws" + strings.TrimPrefix(srv.URL, "http")
}

// pinnedListener pins the receive buffer of each connection it accepts, before
// the client can send anything but its handshake.
type pinnedListener struct{ net.Listener }

func (l pinnedListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	if err := c.(*net.TCPConn).SetReadBuffer(pinnedBuffer); err != nil {
		_ = c.Close()
		return nil, err
	}
	return c, nil
}

// pinnedDialer returns the native transport with each connection's send
// buffer pinned to pinnedBuffer before the handshake.
func pinnedDialer() *native.Dialer {
	dial := func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := (&net.Dialer{}).DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		if err := c.(*net.TCPConn).SetWriteBuffer(pinnedBuffer); err != nil {
			_ = c.Close()
			return nil, err
		}
		return c, nil
	}
	return &native.Dialer{HTTPClient: &http.Client{Transport: &http.Transport{DialContext: dial}}}
}

// serverAct asks the test server at base to act now on the connections opened
// with key=key: what is "drop", "blackhole" or "close" (query adds
// "&code=N&reason=TEXT"). It fails the test unless exactly one connection
// was reached.
func serverAct(t testing.TB, base, what, key, query string) {
	t.Helper()
	var body struct{ Connections int }
	serverGetJSON(t, base, "/"+what+"?key="+key+query, &body)
	if body.Connections != 1 {
		t.Fatalf("GET /%s: %d connections; want 1", what, body.Connections)
	}
}

// serverGetJSON GETs pathQuery from the test server at base (a ws:// URL) and
// decodes its JSON answer into v, failing the test on any error or a status
// other than 200.
func serverGetJSON(t testing.TB, base, pathQuery string, v any) {
	t.Helper()
	u := "http" + strings.TrimPrefix(base, "ws") + pathQuery
	req, err := http.NewRequestWithContext(testCtx(t), http.MethodGet, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	resp, err := (&http.Client{Transport: tr}).Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", pathQuery, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: status %d", pathQuery, resp.StatusCode)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("GET %s: %v", pathQuery, err)
	}
}

// skipInBrowserPage is a no-op natively (see server_js_test.go).
func skipInBrowserPage(*testing.T) {}
