//go:build !js

package sdk

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/coder/websocket"

	"github.com/tetherws/tether/internal/testserver"
)

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
// httptest server closed with the test, and returns its ws:// URL.
func acceptingPeer(t testing.TB, handle func(ws *websocket.Conn)) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ws, err := websocket.Accept(w, r, nil)
		if err != nil {
			return
		}
		defer ws.CloseNow()
		handle(ws)
	}))
	t.Cleanup(srv.Close)
	return "ws" + strings.TrimPrefix(srv.URL, "http")
}
