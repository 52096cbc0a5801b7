//go:build unix

package parity

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// buildWasm builds cmd/wasmrun (the sdk runs of runSDKTarget) for js/wasm.
func buildWasm(e *env) error {
	return goBuild("..", append(os.Environ(), "GOOS=js", "GOARCH=wasm"), filepath.Join(e.tmp, "wasmrun.wasm"), "./parity/cmd/wasmrun")
}

// runWasmTarget runs cmd/wasmrun in Node with its global WebSocket and
// reads its outcomes.
func runWasmTarget(t *testing.T, e *env) Outcomes {
	runner := filepath.Join(runtime.GOROOT(), "lib", "wasm", "go_js_wasm_exec")
	if _, err := os.Stat(runner); err != nil {
		t.Fatalf("go_js_wasm_exec not found: %v", err)
	}
	bin := filepath.Join(e.tmp, "wasmrun.wasm")
	env := append(os.Environ(), "NODE_OPTIONS=--experimental-websocket --no-warnings")
	p, err := startProcess(e.ctx, ".", env, runner, bin, "-server", e.line)
	if err != nil {
		t.Fatal(err)
	}
	defer p.stop()
	out := Outcomes{}
	for line := range p.lines {
		var r struct {
			Mode     string
			Scenario int
			Outcome  string
		}
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Errorf("wasmrun printed %q: %v", line, err)
			continue
		}
		out.set(r.Mode, r.Scenario, r.Outcome)
	}
	if err := p.wait(); err != nil {
		t.Errorf("wasmrun: %v\n%s", err, p.stderr.String())
	}
	return out
}

// goBuild runs go build -o out pkg in dir with env (nil: this process's).
func goBuild(dir string, env []string, out, pkg string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", "build", "-o", out, pkg)
	cmd.Dir, cmd.Env = dir, env
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build %s: %v\n%s", pkg, err, b)
	}
	return nil
}
