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
)

func TestServeEchoDemoAndSIGTERM(t *testing.T) {
	t.Parallel()
	web := t.TempDir()
	if err := os.WriteFile(filepath.Join(web, "index.html"), []byte("<h1>tether demo</h1>"), 0o644); err != nil {
		t.Fatal(err)
	}
	p := start(t, nil, "serve", "--addr", "127.0.0.1:0", "--subprotocols", "a,b", "--web", web)
	echo := p.line()
	if !strings.HasPrefix(echo, "ws://127.0.0.1:") || !strings.HasSuffix(echo, "/echo") {
		t.Fatalf("first line %q, want the echo URL", echo)
	}
	base := "http" + strings.TrimSuffix(strings.TrimPrefix(echo, "ws"), "/echo")
	checkEcho(t, echo)
	if body := get(t, base+"/demo/index.html"); !strings.Contains(body, "tether demo") {
		t.Errorf("/demo/index.html: %q", body)
	}
	if body := get(t, base+"/stats"); !strings.HasPrefix(body, "{") {
		t.Errorf("/stats: %q", body)
	}
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if code := p.wait(); code != exitOK {
		t.Fatalf("exit %d after SIGTERM\n%s", code, p.stderr.String())
	}
	if out := p.stdout(); !strings.Contains(out, "/chaos?drop_after=") || !strings.Contains(out, base+"/demo/") {
		t.Errorf("printed URLs:\n%s", out)
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
	if err := c.SendText(ctx, "ping"); err != nil {
		t.Fatal(err)
	}
	if m, err := c.Receive(ctx); err != nil || m.Text() != "ping" {
		t.Fatalf("echo: %q, %v", m.Text(), err)
	}
}

func get(t *testing.T, url string) string {
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
	return string(b)
}

func TestServeWithoutWebPrintsHint(t *testing.T) {
	t.Parallel()
	p := start(t, nil, "serve", "--addr", "127.0.0.1:0", "--web", filepath.Join(t.TempDir(), "missing"))
	p.line()
	p.interrupt()
	if code := p.wait(); code != exitOK {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(p.stderr.String(), "web demo not built: run make -C web (or scripts/build-wasm)") {
		t.Errorf("no hint on stderr:\n%s", p.stderr.String())
	}
	if strings.Contains(p.stdout(), "/demo/") {
		t.Errorf("a /demo/ URL without the demo:\n%s", p.stdout())
	}
}

// --allow-remote lifts the loopback rule (checked without binding a port).
func TestServeAllowRemote(t *testing.T) {
	t.Parallel()
	if _, err := parseServe([]string{"--addr", "0.0.0.0:0"}); err == nil {
		t.Error("a non-loopback --addr was accepted without --allow-remote")
	}
	if _, err := parseServe([]string{"--addr", "0.0.0.0:0", "--allow-remote"}); err != nil {
		t.Errorf("--allow-remote: %v", err)
	}
}
