//go:build !js

package mobile

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/coder/websocket"
)

// serveWS runs handler on a loopback HTTP server for one test and returns its
// ws:// URL. Clients are closed before it (cleanups run last first).
func serveWS(t testing.TB, handler http.HandlerFunc) string {
	t.Helper()
	srv := httptest.NewServer(handler)
	t.Cleanup(srv.Close)
	return "ws" + strings.TrimPrefix(srv.URL, "http")
}

// echo echoes every message until the connection ends.
func echo(ctx context.Context, c *websocket.Conn) {
	for {
		typ, data, err := c.Read(ctx)
		if err != nil || c.Write(ctx, typ, data) != nil {
			return
		}
	}
}

// tokenServer is a WebSocket echo server that accepts a handshake only with
// "Authorization: Bearer <valid>" and answers any other with 401, like a
// server whose access tokens expire.
type tokenServer struct {
	mu    sync.Mutex
	valid string
	log   []string          // one "<token> accepted|rejected" per handshake
	conns []*websocket.Conn // the open connections
}

func (s *tokenServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	token := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	s.mu.Lock()
	ok := token == s.valid
	s.log = append(s.log, fmt.Sprintf("%s %s", token, map[bool]string{true: "accepted", false: "rejected"}[ok]))
	s.mu.Unlock()
	if !ok {
		http.Error(w, "token expired", http.StatusUnauthorized)
		return
	}
	c, err := websocket.Accept(w, r, nil)
	if err != nil {
		return
	}
	s.mu.Lock()
	s.conns = append(s.conns, c)
	s.mu.Unlock()
	echo(r.Context(), c)
}

// expire makes next the only valid token and closes the open connections
// with 4001, as a server does when their token expires.
func (s *tokenServer) expire(next string) {
	s.mu.Lock()
	s.valid = next
	conns := s.conns
	s.conns = nil
	s.mu.Unlock()
	for _, c := range conns {
		_ = c.Close(4001, "token expired")
	}
}

func (s *tokenServer) handshakes() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.log...)
}
