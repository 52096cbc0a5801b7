//go:build !js

// Command server is the native peer of the browser tests in web/test: Tether's
// scriptable test server (internal/testserver: /echo, /chaos, /subprotocol/*,
// /stats, ...) and, on the same origin, the files of web/ under /web/ (the ES
// module, tether.wasm, test pages) so pages may open WebSockets to it.
//
// It listens on 127.0.0.1 (a free port unless -addr is given), prints its base
// URL as the first line on stdout, and runs until SIGINT or SIGTERM, or until
// its stdin reaches EOF (the test runner that started it is gone).
//
//	cd tests && go run ./browser/server -web ../web
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/tetherws/tether/internal/testserver"
)

// Subprotocols are those the sdk's js/wasm tests expect the server to support.
var subprotocols = []string{"chat.v2", "chat.v1", "graphql-transport-ws", "mqtt"}

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "listen address (loopback)")
	web := flag.String("web", "../web", "directory served under /web/")
	flag.Parse()
	if err := run(*addr, *web); err != nil {
		fmt.Fprintln(os.Stderr, "server:", err)
		os.Exit(1)
	}
}

func run(addr, web string) error {
	dir, err := filepath.Abs(web)
	if err != nil {
		return err
	}
	ts := testserver.New(testserver.Options{Subprotocols: subprotocols, ReadLimit: 16 << 20, MaxSilent: time.Minute})
	defer ts.Close()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	hs := &http.Server{Handler: handler(ts, dir), ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	fmt.Printf("http://%s\n", ln.Addr())
	waitForStop()
	ts.Close() // closes the WebSockets, which http.Server.Shutdown does not track
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	_ = hs.Shutdown(ctx)
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// handler serves web/ under /web/ (never cached) and the test server elsewhere.
func handler(ts *testserver.Server, dir string) http.Handler {
	mux := http.NewServeMux()
	files := http.StripPrefix("/web/", http.FileServer(http.Dir(dir)))
	mux.Handle("/web/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		files.ServeHTTP(w, r)
	}))
	mux.Handle("/", ts)
	return mux
}

// waitForStop returns on SIGINT, SIGTERM or EOF on stdin.
func waitForStop() {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	eof := make(chan struct{})
	go func() {
		_, _ = io.Copy(io.Discard, os.Stdin)
		close(eof)
	}()
	select {
	case <-sig:
	case <-eof:
	}
}
