package tetherotel

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/coder/websocket"
)

// echoServer is a local WebSocket server that echoes every message and
// hands each accepted connection to the test, which may drop it.
type echoServer struct {
	*httptest.Server
	accepted chan *websocket.Conn
	// readOnce makes the handler read one message, not echo it, and stop
	// reading, so no ping written after that message is ever answered.
	readOnce bool
}

func newEchoServer(t *testing.T) *echoServer { return startServer(t, false) }

// newReadOnceServer reads the first message of each connection and drops
// the connection without answering anything.
func newReadOnceServer(t *testing.T) *echoServer { return startServer(t, true) }

func startServer(t *testing.T, readOnce bool) *echoServer {
	t.Helper()
	s := &echoServer{accepted: make(chan *websocket.Conn, 16), readOnce: readOnce}
	s.Server = httptest.NewServer(http.HandlerFunc(s.handle))
	t.Cleanup(s.Close)
	return s
}

func (s *echoServer) handle(w http.ResponseWriter, r *http.Request) {
	c, err := websocket.Accept(w, r, nil)
	if err != nil {
		return
	}
	defer c.CloseNow()
	s.accepted <- c
	ctx := context.Background()
	for {
		typ, b, err := c.Read(ctx)
		if err != nil || s.readOnce {
			return
		}
		if c.Write(ctx, typ, b) != nil {
			return
		}
	}
}

// refusingServer answers every handshake with status once gate is closed.
func refusingServer(t *testing.T, status int, gate <-chan struct{}) *httptest.Server {
	t.Helper()
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-gate:
		case <-r.Context().Done():
		}
		w.WriteHeader(status)
	}))
	t.Cleanup(s.Close)
	return s
}
