//go:build !js

package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/tetherws/tether/internal/testserver"
)

// defaultWebDir is the browser demo's build output, served when present.
const defaultWebDir = "web/dist"

// serveConfig is the parsed command line of tether serve.
type serveConfig struct {
	addr         string
	subprotocols string
	allowRemote  bool
	web          string
	webGiven     bool
}

func parseServe(args []string) (*serveConfig, error) {
	c := &serveConfig{}
	f := newFlagSet("serve")
	f.fs.StringVar(&c.addr, "addr", "127.0.0.1:8080", "")
	f.fs.StringVar(&c.subprotocols, "subprotocols", "", "")
	f.fs.BoolVar(&c.allowRemote, "allow-remote", false, "")
	f.fs.StringVar(&c.web, "web", defaultWebDir, "")
	pos, err := f.parse(args)
	if err != nil {
		return nil, err
	}
	if len(pos) > 0 {
		return nil, usagef("unexpected argument %q", pos[0])
	}
	c.webGiven = f.given("web")
	return c, c.checkAddr()
}

func (c *serveConfig) checkAddr() error {
	host, _, err := net.SplitHostPort(c.addr)
	if err != nil {
		return usagef("--addr %q: want HOST:PORT", c.addr)
	}
	if !c.allowRemote && !isLoopback(host) {
		return usagef("--addr %q is not a loopback address; add --allow-remote to serve other hosts", c.addr)
	}
	return nil
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func (c *serveConfig) protocols() []string {
	var out []string
	for p := range strings.SplitSeq(c.subprotocols, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func runServe(args []string, sio stdio) int {
	cfg, err := parseServe(args)
	if err != nil {
		return usageFailed(sio, "serve", err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		fmt.Fprintf(sio.err, "tether serve: %v\n", err)
		return exitFailed
	}
	srv := testserver.New(testserver.Options{Subprotocols: cfg.protocols()})
	mux, web := cfg.handler(srv, sio)
	hs := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	printURLs(sio, ln.Addr().String(), web)
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case <-ctx.Done():
	case err = <-errc:
		fmt.Fprintf(sio.err, "tether serve: %v\n", err)
		return exitFailed
	}
	fmt.Fprintln(sio.err, "tether serve: shutting down")
	return shutdown(srv, hs)
}

// handler mounts the test server and, when the directory exists, the browser
// demo at /demo/. web reports whether the demo is served.
func (c *serveConfig) handler(srv *testserver.Server, sio stdio) (http.Handler, bool) {
	st, err := os.Stat(c.web)
	if err != nil || !st.IsDir() {
		if c.webGiven {
			fmt.Fprintf(sio.err, "tether serve: --web %s: not a directory\n", c.web)
		}
		fmt.Fprintln(sio.err, "web demo not built: run make -C web (or scripts/build-wasm)")
		return srv, false
	}
	mux := http.NewServeMux()
	mux.Handle("/demo/", http.StripPrefix("/demo/", http.FileServer(http.Dir(c.web))))
	mux.Handle("/", srv)
	return mux, true
}

// printURLs prints one URL per line on stdout: echo first, then chaos examples.
func printURLs(sio stdio, addr string, web bool) {
	host, port, _ := net.SplitHostPort(addr)
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	base := net.JoinHostPort(host, port)
	urls := []string{
		"ws://" + base + "/echo",
		"ws://" + base + "/chaos?drop_after=2000",
		"ws://" + base + "/chaos?blackhole_after=2000",
		"ws://" + base + "/chaos?close_after=1000&code=4001&reason=bye",
		"ws://" + base + "/chaos?fail_first=2&status=503&retry_after=1",
		"http://" + base + "/stats",
	}
	if web {
		urls = append(urls, "http://"+base+"/demo/")
	}
	fmt.Fprintln(sio.out, strings.Join(urls, "\n"))
	fmt.Fprintf(sio.err, "tether serve: listening on %s; Ctrl-C to stop\n", addr)
}

// shutdown closes every WebSocket, then the HTTP server (bounded to 2 s).
func shutdown(srv *testserver.Server, hs *http.Server) int {
	srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := hs.Shutdown(ctx); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return exitFailed
	}
	return exitOK
}
