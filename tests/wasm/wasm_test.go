//go:build !js

// Package wasm runs the root module's js/wasm test binaries in Node (with its
// experimental global WebSocket) against a native test server on loopback.
package wasm

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/tetherws/tether/internal/testserver"
)

// jsPackages are the root-module packages whose tests also run in js/wasm.
var jsPackages = []string{"./sdk", "./transport/jsws", "./heartbeat", "./reconnect", "./internal/retry", "./subprotocol", "./internal/negotiate", "./internal/jshost"}

func TestJSWasmPackages(t *testing.T) {
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("node not installed")
	}
	srv, err := testserver.Start("", testserver.Options{
		Subprotocols: []string{"chat.v2", "chat.v1", "graphql-transport-ws", "mqtt"}, ReadLimit: 16 << 20})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()
	args := append([]string{"test", "-count=1", "-exec", wasmExec(t)}, jsPackages...)
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = filepath.Join("..", "..")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm",
		"NODE_OPTIONS=--experimental-websocket --no-warnings",
		"TETHER_TEST_SERVER="+strings.TrimSuffix(srv.URL("/"), "/"))
	out, err := cmd.CombinedOutput()
	t.Logf("GOOS=js GOARCH=wasm go %s\n%s", strings.Join(args, " "), out)
	if err != nil {
		t.Fatalf("js/wasm tests failed: %v", err)
	}
	if strings.Contains(string(out), "no test files") && !strings.Contains(string(out), "ok ") {
		t.Fatal("js/wasm run executed no tests")
	}
}

func wasmExec(t *testing.T) string {
	p := filepath.Join(runtime.GOROOT(), "lib", "wasm", "go_js_wasm_exec")
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("go_js_wasm_exec not found at %s: %v", p, err)
	}
	return p
}
