//go:build !js

package testserver

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// DefaultAddr is where [Start] listens when addr is empty: loopback, free port.
const DefaultAddr = "127.0.0.1:0"

// shutdownTimeout bounds how long Running.Close waits for plain HTTP requests.
const shutdownTimeout = 2 * time.Second

// Running is a [Server] serving on a real listener, started by [Start].
type Running struct {
	srv  *Server
	hs   *http.Server
	addr string
	done chan struct{} // closed when Serve returns

	closeOnce sync.Once
	closeErr  error
}

// Start listens on addr (DefaultAddr when empty) and serves New(opts) on it in a
// goroutine. It refuses an address that is not loopback unless
// opts.AllowNonLoopback is set; a host name other than "localhost" counts as not
// loopback. Release it with [Running.Close].
func Start(addr string, opts Options) (*Running, error) {
	if addr == "" {
		addr = DefaultAddr
	}
	if err := checkLoopback(addr); err != nil && !opts.AllowNonLoopback {
		return nil, err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("testserver: listen: %w", err)
	}
	srv := New(opts)
	r := &Running{
		srv:  srv,
		hs:   &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second},
		addr: ln.Addr().String(),
		done: make(chan struct{}),
	}
	go func() {
		defer close(r.done)
		_ = r.hs.Serve(ln)
	}()
	return r, nil
}

// checkLoopback returns an error unless addr's host is a loopback IP or
// "localhost". An empty host (all interfaces) is not loopback.
func checkLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("testserver: bad address %q: %w", addr, err)
	}
	if strings.EqualFold(host, "localhost") {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("testserver: refusing to listen on non-loopback address %q (set AllowNonLoopback)", addr)
}

// Server returns the handler being served, for its counters and fault methods.
func (r *Running) Server() *Server { return r.srv }

// Addr returns the listening address as host:port.
func (r *Running) Addr() string { return r.addr }

// URL returns "ws://host:port" + path; a missing leading slash is added. path may
// carry a query: r.URL("/chaos?drop_after=100").
func (r *Running) URL(path string) string { return "ws://" + r.addr + slash(path) }

// HTTPURL returns "http://host:port" + path, for /stats or plain HTTP checks.
func (r *Running) HTTPURL(path string) string { return "http://" + r.addr + slash(path) }

func slash(path string) string {
	if strings.HasPrefix(path, "/") {
		return path
	}
	return "/" + path
}

// Close stops the listener, closes every WebSocket (see [Server.Close]), waits
// up to 2 s for plain HTTP requests in flight and then for the serving goroutine.
// It is idempotent and returns the first call's error.
func (r *Running) Close() error {
	r.closeOnce.Do(func() {
		r.srv.Close()
		ctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
		defer cancel()
		err := r.hs.Shutdown(ctx)
		if errors.Is(err, context.DeadlineExceeded) {
			err = r.hs.Close()
		}
		<-r.done
		r.closeErr = err
	})
	return r.closeErr
}

// Kill stops the server the way a crash would: the listener closes first, so
// new connections are refused, then every live WebSocket loses its TCP
// connection without a close frame (clients see EOF or a reset, never 1001).
// It waits for the serving goroutines like Close; Close after Kill, and Kill
// after Close, do nothing more. A new server may then [Start] on [Running.Addr]
// (a test of a server that restarts on the same port).
func (r *Running) Kill() {
	r.closeOnce.Do(func() {
		r.closeErr = r.hs.Close() // listener and plain HTTP connections
		<-r.done
		r.srv.DropAll()
		r.srv.Close()
	})
}
