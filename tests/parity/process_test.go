//go:build unix

package parity

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/tetherws/tether/internal/leakcheck"
)

func TestMain(m *testing.M) { leakcheck.Main(m) }

// Bounds on child processes.
const (
	startTimeout = 20 * time.Second // until the server prints its ports
	stopTimeout  = 5 * time.Second  // from SIGTERM to SIGKILL
)

// nodeDir is tests/peers/node: parity-server.mjs and its ws dependency.
var nodeDir = filepath.Join("..", "peers", "node")

// findNode returns node, or skips when it is not installed or cannot load ws.
func findNode(t *testing.T) string {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not found in PATH: install Node.js 20+ to run the parity matrix")
	}
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "--input-type=module", "-e", "await import('ws')")
	cmd.Dir = nodeDir
	if out, err := cmd.CombinedOutput(); err != nil {
		if bytes.Contains(out, []byte("ERR_MODULE_NOT_FOUND")) {
			t.Skip("the ws package is not installed: run `npm ci` in tests/peers/node (.ci/run does)")
		}
		t.Fatalf("node cannot import ws: %v\n%s", err, out)
	}
	return node
}

// startServer runs parity-server.mjs and returns where it listens; it is
// stopped by its process id when the test ends.
func startServer(t *testing.T, node string, listeners int) (Server, string) {
	t.Helper()
	p, err := startProcess(context.Background(), nodeDir, nil, node, "parity-server.mjs",
		fmt.Sprintf("--listeners=%d", listeners), "--lifetime=600", "--watch-stdin")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		p.stop()
		if t.Failed() {
			t.Logf("parity-server output:\n%s", p.stderr.String())
		}
	})
	timer := time.NewTimer(startTimeout)
	defer timer.Stop()
	select {
	case line, ok := <-p.lines:
		if !ok {
			t.Fatalf("parity-server exited before printing its ports: %v\n%s", p.wait(), p.stderr.String())
		}
		srv, err := ParseServerLine(line)
		if err != nil {
			t.Fatal(err)
		}
		go drain(p.lines)
		t.Logf("parity-server (pid %d): %s", p.cmd.Process.Pid, line)
		return srv, line
	case <-timer.C:
		t.Fatalf("parity-server printed no ports within %v\n%s", startTimeout, p.stderr.String())
	}
	return Server{}, ""
}

func drain(lines <-chan string) {
	for range lines {
	}
}

// process is a child process in its own process group, with its stdout
// as lines, its stderr collected and a stdin pipe.
type process struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	lines  chan string // stdout, line by line; closed at EOF
	stderr *syncBuffer
	exited chan struct{}
	err    error // cmd.Wait's, once exited is closed
	cancel context.CancelFunc
}

// startProcess starts argv in dir; ctx's end kills its process group.
func startProcess(ctx context.Context, dir string, env []string, argv ...string) (*process, error) {
	ctx, cancel := context.WithCancel(ctx)
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Dir = dir
	cmd.Env = env
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = stopTimeout
	p := &process{cmd: cmd, lines: make(chan string, 256), stderr: &syncBuffer{}, exited: make(chan struct{}), cancel: cancel}
	cmd.Stderr = p.stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		cancel()
		return nil, err
	}
	if p.stdin, err = cmd.StdinPipe(); err != nil {
		cancel()
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		cancel()
		return nil, fmt.Errorf("start %s: %w", argv[0], err)
	}
	var read sync.WaitGroup
	read.Add(1)
	go func() {
		defer read.Done()
		defer close(p.lines)
		sc := bufio.NewScanner(stdout)
		sc.Buffer(make([]byte, 64<<10), 8<<20)
		for sc.Scan() {
			p.lines <- sc.Text()
		}
	}()
	go func() {
		read.Wait() // Wait closes stdout: read it to the end first
		p.err = cmd.Wait()
		cancel()
		close(p.exited)
	}()
	return p, nil
}

// wait waits for the process to exit and returns how it ended.
func (p *process) wait() error {
	<-p.exited
	return p.err
}

// stop closes stdin and sends SIGTERM to the process id, then kills the
// process group if it has not exited after stopTimeout.
func (p *process) stop() error {
	go drain(p.lines) // what nobody reads must not keep the process from being waited for
	_ = p.stdin.Close()
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.exited:
	case <-time.After(stopTimeout):
		_ = syscall.Kill(-p.cmd.Process.Pid, syscall.SIGKILL)
		<-p.exited
	}
	var exit *exec.ExitError
	if errors.As(p.err, &exit) && exit.ExitCode() >= 0 {
		return nil // it exited by itself, with a status
	}
	return p.err
}

type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return strings.TrimSpace(b.buf.String())
}
