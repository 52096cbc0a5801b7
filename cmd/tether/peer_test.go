//go:build !js

package main

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coder/websocket"
)

// peer is an in-test WebSocket server that records what each connection saw:
// its handshake headers (with Host), the text it received and how the client closed it.
// Connection n (from 1) is served by handle(n, c), or echoed when handle is nil
// or returns true.
type peer struct {
	t      *testing.T
	hs     *http.Server
	url    string // ws://127.0.0.1:PORT/
	handle func(n int, c *websocket.Conn) (echo bool)

	mu      sync.Mutex
	headers []http.Header
	got     map[int][]string // text received, by connection
	closes  chan websocket.StatusCode
}

// newPeer serves on ln (a loopback listener; nil: a fresh one).
func newPeer(t *testing.T, ln net.Listener, handle func(int, *websocket.Conn) bool) *peer {
	t.Helper()
	if ln == nil {
		var err error
		if ln, err = net.Listen("tcp", "127.0.0.1:0"); err != nil {
			t.Fatal(err)
		}
	}
	p := &peer{t: t, url: "ws://" + ln.Addr().String() + "/", handle: handle,
		got: map[int][]string{}, closes: make(chan websocket.StatusCode, 16)}
	p.hs = &http.Server{Handler: p, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = p.hs.Serve(ln) }()
	t.Cleanup(func() { _ = p.hs.Close() })
	return p
}

func (p *peer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c, err := websocket.Accept(w, r, &websocket.AcceptOptions{InsecureSkipVerify: true})
	if err != nil {
		return
	}
	defer c.CloseNow()
	c.SetReadLimit(-1)
	p.mu.Lock()
	h := r.Header.Clone()
	h.Set("Host", r.Host)
	p.headers = append(p.headers, h)
	n := len(p.headers)
	p.mu.Unlock()
	if p.handle == nil || p.handle(n, c) {
		p.echo(n, c)
	}
}

// echo echoes until the client leaves, then reports its close code
// (-1 when it left without a close frame).
func (p *peer) echo(n int, c *websocket.Conn) {
	ctx, cancel := context.WithTimeout(context.Background(), procTimeout)
	defer cancel()
	for {
		typ, b, err := c.Read(ctx)
		if err != nil {
			p.closes <- websocket.CloseStatus(err)
			return
		}
		if typ == websocket.MessageText {
			p.mu.Lock()
			p.got[n] = append(p.got[n], string(b))
			p.mu.Unlock()
		}
		if err := c.Write(ctx, typ, b); err != nil && !errors.Is(err, context.Canceled) {
			return
		}
	}
}

// received returns the text connection n received.
func (p *peer) received(n int) []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.got[n]...)
}

// header returns connection n's handshake headers.
func (p *peer) header(n int) http.Header {
	p.mu.Lock()
	defer p.mu.Unlock()
	if n > len(p.headers) {
		return nil
	}
	return p.headers[n-1]
}

// closeCode waits for the next connection's close code from the client.
func (p *peer) closeCode() websocket.StatusCode {
	p.t.Helper()
	select {
	case code := <-p.closes:
		return code
	case <-time.After(procTimeout):
		p.t.Fatal("the server saw no close")
		return 0
	}
}

// wsURL turns an http(s) URL into ws(s).
func wsURL(u string) string { return "ws" + strings.TrimPrefix(u, "http") }
