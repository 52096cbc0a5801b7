//go:build !js

package loss

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/tetherws/tether/tests/loss/sender"
)

// TestLossAuditWasm runs tests/loss/wasmclient in js/wasm under Node: four
// clients (re-send and hand-back, Enqueue and Send) over Node's WebSocket
// with an application heartbeat, through the same kind of fault schedule,
// and audits their reports like the native clients'.
func TestLossAuditWasm(t *testing.T) {
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("node not installed")
	}
	seed := seed(t)
	bin := buildWasmClient(t)
	e := startEnv(t)
	p := startNode(t, bin, e.url)
	awaitOpens(t, p.opened, 4)
	start := time.Now()
	fs, undo := e.runSchedule(t, seed)
	_ = p.stdin.Close() // the signal to stop: the clients close and report
	waitOrDump(t, p.exited, 60*time.Second, "the wasm clients closing and reporting")
	undo()
	t.Logf("faults and Close took %v", time.Since(start).Round(time.Millisecond))
	if p.err != nil {
		t.Fatalf("wasmclient: %v\nstderr:\n%s", p.err, p.stderr.String())
	}
	if len(p.reports) != 4 {
		t.Fatalf("wasmclient printed %d reports, want 4\nstderr:\n%s", len(p.reports), p.stderr.String())
	}
	e.finish(t)
	e.audit(t, "wasm", p.reports, fs)
}

// buildWasmClient compiles ./wasmclient for js/wasm into a temporary directory.
func buildWasmClient(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "wasmclient.wasm")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "./wasmclient")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("GOOS=js GOARCH=wasm go build ./wasmclient: %v\n%s", err, out)
	}
	return bin
}

// nodeProc is the running wasmclient.
type nodeProc struct {
	cmd     *exec.Cmd
	stdin   io.WriteCloser
	stderr  *syncBuffer
	opened  chan string
	exited  chan struct{} // closed once stdout is read to the end and the process was waited for
	reports []*sender.Report
	err     error // the process's exit error or a stdout that did not parse
}

// startNode runs wasmclient under Node; the process is killed by its pid at
// the end of the test if it is still running.
func startNode(t *testing.T, bin, url string) *nodeProc {
	t.Helper()
	exe := filepath.Join(runtime.GOROOT(), "lib", "wasm", "go_js_wasm_exec")
	if _, err := os.Stat(exe); err != nil {
		t.Fatalf("go_js_wasm_exec not found at %s: %v", exe, err)
	}
	p := &nodeProc{stderr: &syncBuffer{}, opened: make(chan string, 8), exited: make(chan struct{})}
	p.cmd = exec.Command(exe, bin, "-url", url)
	p.cmd.Env = append(os.Environ(), "NODE_OPTIONS=--experimental-websocket --no-warnings")
	p.cmd.Stderr = p.stderr
	var err error
	if p.stdin, err = p.cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	stdout, err := p.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		select {
		case <-p.exited:
		default:
			_ = p.cmd.Process.Kill()
			<-p.exited
		}
	})
	go p.readStdout(t, stdout)
	return p
}

// readStdout parses wasmclient's JSON lines until EOF, then waits for the
// process.
func (p *nodeProc) readStdout(t *testing.T, stdout io.Reader) {
	defer close(p.exited)
	sc := bufio.NewScanner(stdout)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	var parseErr error
	for sc.Scan() {
		var line struct {
			Open   string         `json:"open"`
			Report *sender.Report `json:"report"`
		}
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			parseErr = err
			t.Logf("wasmclient: %s", sc.Bytes())
			continue
		}
		switch {
		case line.Open != "":
			p.opened <- line.Open
		case line.Report != nil:
			p.reports = append(p.reports, line.Report)
		}
	}
	p.err = p.cmd.Wait()
	if p.err == nil {
		p.err = parseErr
	}
}

// syncBuffer is a bytes.Buffer safe for the process's stderr copier and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(b []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(b)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
