//go:build !js

package main

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tetherws/tether/sdk"
	"github.com/tetherws/tether/transport"
)

// fakeWeb makes a web/ directory with the demo page and, when built, the
// files web/build.sh writes.
func fakeWeb(t *testing.T, built bool) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{"demo/index.html": "<h1>tether demo</h1>", "build.sh": "#!/bin/sh\n"}
	if built {
		for _, f := range webBuild {
			files[f] = "built " + f
		}
	}
	for name, body := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// startServe runs tether serve on a free loopback port and returns it with
// its base URL (http://127.0.0.1:PORT) and the URLs it printed.
func startServe(t *testing.T, args ...string) (*proc, string, []string) {
	t.Helper()
	p := start(t, nil, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	var urls []string
	for l := p.line(); ; l = p.line() {
		urls = append(urls, l)
		if strings.HasSuffix(l, "/stats") {
			break
		}
	}
	echo := urls[0]
	if !strings.HasPrefix(echo, "ws://127.0.0.1:") || !strings.HasSuffix(echo, "/echo") {
		t.Fatalf("first line %q, want the echo URL", echo)
	}
	return p, "http" + strings.TrimSuffix(strings.TrimPrefix(echo, "ws"), "/echo"), urls
}

func TestServeEchoWebDemoAndSIGTERM(t *testing.T) {
	t.Parallel()
	p, base, _ := startServe(t, "--subprotocols", "a,b", "--web", fakeWeb(t, true))
	checkEcho(t, wsURL(base)+"/echo")
	if body, _ := get(t, base+webDemoPath); !strings.Contains(body, "tether demo") {
		t.Errorf("%s: %q", webDemoPath, body)
	}
	if body, ctype := get(t, base+"/web/dist/tether.wasm"); body != "built dist/tether.wasm" || ctype != "application/wasm" {
		t.Errorf("tether.wasm: %q, Content-Type %q", body, ctype)
	}
	if body, _ := get(t, base+"/demo"); !strings.Contains(body, "tether demo") {
		t.Errorf("/demo does not lead to the page: %q", body)
	}
	if body, _ := get(t, base+"/stats"); !strings.HasPrefix(body, "{") {
		t.Errorf("/stats: %q", body)
	}
	if demo := p.line(); demo != base+webDemoPath {
		t.Errorf("line after /stats %q, want the demo URL", demo)
	}
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if code := p.wait(); code != exitOK {
		t.Fatalf("exit %d after SIGTERM\n%s", code, p.stderr.String())
	}
	if strings.Contains(p.stderr.String(), "warning") {
		t.Errorf("a warning for a loopback address:\n%s", p.stderr.String())
	}
}

// checkEcho connects with the SDK, offering b then a: the server picks b.
func checkEcho(t *testing.T, url string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, err := sdk.Dial(ctx, url, &sdk.Options{Subprotocols: []string{"b", "a"}})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if c.Subprotocol() != "b" {
		t.Errorf("subprotocol %q, want b", c.Subprotocol())
	}
	if err := c.Send(ctx, transport.TextMessage("ping")); err != nil {
		t.Fatal(err)
	}
	if m, err := c.Receive(ctx); err != nil || m.Text() != "ping" {
		t.Fatalf("echo: %q, %v", m.Text(), err)
	}
}

// get returns the body and Content-Type of url.
func get(t *testing.T, url string) (string, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b), resp.Header.Get("Content-Type")
}

// Without the wasm build, serve says how to build it and does not print the
// demo's URL.
func TestServeWebNotBuiltPrintsHint(t *testing.T) {
	t.Parallel()
	web := fakeWeb(t, false)
	p, base, _ := startServe(t, "--web", web)
	p.interrupt()
	if code := p.wait(); code != exitOK {
		t.Fatalf("exit %d", code)
	}
	want := "web demo not built: run " + filepath.Join(web, "build.sh")
	if !strings.Contains(p.stderr.String(), want) || !strings.Contains(p.stderr.String(), base+webDemoPath) {
		t.Errorf("no %q hint on stderr:\n%s", want, p.stderr.String())
	}
	if strings.Contains(p.stdout(), "/web/") {
		t.Errorf("a demo URL without the build:\n%s", p.stdout())
	}
}

// By default serve finds web/ at the root of the repository it runs in.
func TestServeFindsRepositoryWeb(t *testing.T) {
	t.Parallel()
	dir := repoWebDir()
	if !isFile(filepath.Join(dir, "demo", "index.html")) {
		t.Fatalf("repoWebDir() = %q, want the repository's web/", dir)
	}
	if cmd := buildCommand(dir); cmd != filepath.Join(dir, "build.sh") || !filepath.IsAbs(cmd) {
		t.Errorf("buildCommand = %q", cmd)
	}
}

// serve listens on loopback unless --addr says otherwise, and warns then.
func TestServeLoopbackByDefault(t *testing.T) {
	t.Parallel()
	c, err := parseServe(nil)
	if err != nil || c.addr != "127.0.0.1:8080" || c.warning() != "" {
		t.Fatalf("default: %+v, %v", c, err)
	}
	for _, addr := range []string{"0.0.0.0:8080", ":8080", "192.0.2.1:80", "example.com:80"} {
		c, err := parseServe([]string{"--addr", addr})
		if err != nil || !strings.Contains(c.warning(), "not loopback") {
			t.Errorf("--addr %s: warning %q, err %v", addr, c.warning(), err)
		}
	}
	for _, addr := range []string{"localhost:0", "[::1]:0", "127.0.0.2:0"} {
		if c, err := parseServe([]string{"--addr", addr}); err != nil || c.warning() != "" {
			t.Errorf("--addr %s: warning %q, err %v", addr, c.warning(), err)
		}
	}
}
