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

	"github.com/tetherws/tether/internal/negotiate"
	"github.com/tetherws/tether/internal/testserver"
)

// Defaults of tether serve. The subprotocols are those the browser demo and
// the examples offer.
const (
	defaultServeAddr      = "127.0.0.1:8080"
	defaultServeProtocols = "chat.v2,chat.v1,graphql-transport-ws,mqtt"
)

// serveConfig is the parsed command line of tether serve.
type serveConfig struct {
	addr         string
	subprotocols string
	web          string // the web/ directory; "" until located
	webGiven     bool
}

func parseServe(args []string) (*serveConfig, error) {
	c := &serveConfig{}
	f := newFlagSet("serve")
	f.fs.StringVar(&c.addr, "addr", defaultServeAddr, "")
	f.fs.StringVar(&c.subprotocols, "subprotocols", defaultServeProtocols, "")
	f.fs.StringVar(&c.web, "web", "", "")
	pos, err := f.parse(args)
	if err != nil {
		return nil, err
	}
	if len(pos) > 0 {
		return nil, usagef("unexpected argument %q", pos[0])
	}
	c.webGiven = f.given("web")
	if err := c.checkProtocols(); err != nil {
		return nil, err
	}
	return c, c.checkAddr()
}

// checkAddr accepts any HOST:PORT; the default is loopback, so a
// non-loopback address is always the user's explicit choice (see warning).
func (c *serveConfig) checkAddr() error {
	if _, _, err := net.SplitHostPort(c.addr); err != nil {
		return usagef("--addr %q: want HOST:PORT, e.g. 127.0.0.1:8080", c.addr)
	}
	return nil
}

func (c *serveConfig) checkProtocols() error {
	for _, p := range c.protocols() {
		if !negotiate.IsToken(p) {
			return usagef("--subprotocols %q: %q is not a valid subprotocol name", c.subprotocols, p)
		}
	}
	return nil
}

// warning returns what to tell the user about a non-loopback address, or "".
func (c *serveConfig) warning() string {
	host, _, _ := net.SplitHostPort(c.addr)
	if isLoopback(host) {
		return ""
	}
	return fmt.Sprintf("tether serve: warning: --addr %s is not loopback: other hosts can reach this "+
		"test server (no authentication, chaos endpoints)", c.addr)
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
	if w := cfg.warning(); w != "" {
		fmt.Fprintln(sio.err, w)
	}
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		fmt.Fprintf(sio.err, "tether serve: %v\n", err)
		return exitFailed
	}
	srv := testserver.New(testserver.Options{Subprotocols: cfg.protocols()})
	web := cfg.locateWeb(sio)
	hs := &http.Server{Handler: web.handler(srv), ReadHeaderTimeout: 10 * time.Second}
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

// printURLs prints one URL per line on stdout: echo first, then one example
// per chaos behaviour, the stats, and the browser demo when it is built.
func printURLs(sio stdio, addr string, web webDemo) {
	host, port, _ := net.SplitHostPort(addr)
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	base := net.JoinHostPort(host, port)
	urls := []string{
		"ws://" + base + "/echo",
		"ws://" + base + "/chaos?drop_after=2000",
		"ws://" + base + "/chaos?close_after=1000&code=4001&reason=bye",
		"ws://" + base + "/chaos?blackhole_after=2000",
		"ws://" + base + "/echo?app_ping=1",
		"ws://" + base + "/chaos?fail_first=2&status=503&retry_after=1",
		"ws://" + base + "/chaos?status=401",
		"http://" + base + "/stats",
	}
	if web.built {
		urls = append(urls, "http://"+base+webDemoPath)
	}
	fmt.Fprintln(sio.out, strings.Join(urls, "\n"))
	web.hint(sio, "http://"+base+webDemoPath)
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
