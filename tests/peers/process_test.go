//go:build unix

package peers

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Bounds on a peer process.
const (
	startTimeout = 20 * time.Second // until it prints its port
	stopTimeout  = 5 * time.Second  // from SIGTERM to SIGKILL
	maxLifetime  = 3 * time.Minute  // the process context's deadline
	// lifetimeArg is the server's own --lifetime, in seconds: it exits by
	// itself a little after the context would have killed it.
	lifetimeArg = "--lifetime=200"
)

// process is one running peer server.
type process struct {
	name   string
	cmd    *exec.Cmd
	stdin  io.Closer // closing it makes the server exit (--watch-stdin)
	out    *output
	exited chan struct{} // closed once the process has been waited for
}

// startPeer runs argv in dir as a child process in its own process group,
// waits for the port on its first stdout line and returns "127.0.0.1:port".
// The process is stopped by its id in t.Cleanup.
func startPeer(t *testing.T, name, dir string, argv ...string) string {
	t.Helper()
	p, err := launch(name, dir, argv)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	t.Cleanup(func() {
		p.stop(t)
		if t.Failed() {
			t.Logf("%s output:\n%s", name, p.out.String())
		}
	})
	port, err := p.waitPort()
	if err != nil {
		t.Fatalf("%s: %v\n%s", name, err, p.out.String())
	}
	t.Logf("%s (pid %d) listens on 127.0.0.1:%d", name, p.cmd.Process.Pid, port)
	return "127.0.0.1:" + strconv.Itoa(port)
}

func launch(name, dir string, argv []string) (*process, error) {
	ctx, cancel := context.WithTimeout(context.Background(), maxLifetime)
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Dir = dir
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = stopTimeout
	out := newOutput()
	cmd.Stdout, cmd.Stderr = out.stdout(), out
	stdin, err := cmd.StdinPipe()
	if err != nil {
		cancel()
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		cancel()
		return nil, fmt.Errorf("start %s: %w", argv[0], err)
	}
	p := &process{name: name, cmd: cmd, stdin: stdin, out: out, exited: make(chan struct{})}
	go func() {
		defer cancel()
		_ = cmd.Wait()
		close(p.exited)
	}()
	return p, nil
}

// waitPort waits for the first stdout line and parses it as a port.
func (p *process) waitPort() (int, error) {
	timer := time.NewTimer(startTimeout)
	defer timer.Stop()
	select {
	case line := <-p.out.first:
		port, err := strconv.Atoi(strings.TrimSpace(line))
		if err != nil || port <= 0 || port > 65535 {
			return 0, fmt.Errorf("first line %q is not a port", line)
		}
		return port, nil
	case <-p.exited:
		return 0, fmt.Errorf("exited before printing its port: %v", p.cmd.ProcessState)
	case <-timer.C:
		return 0, fmt.Errorf("printed no port within %v", startTimeout)
	}
}

// stop closes the server's stdin and sends SIGTERM to its process id, then
// kills its process group if it has not exited after stopTimeout.
func (p *process) stop(t *testing.T) {
	_ = p.stdin.Close()
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.exited:
		return
	case <-time.After(stopTimeout):
	}
	t.Logf("%s (pid %d) did not exit %v after SIGTERM; killing it", p.name, p.cmd.Process.Pid, stopTimeout)
	_ = syscall.Kill(-p.cmd.Process.Pid, syscall.SIGKILL)
	<-p.exited
}

// output collects a process's stdout and stderr, and hands the first stdout
// line to first.
type output struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	line  []byte // stdout up to the first newline
	sent  bool
	first chan string // receives the first stdout line, once
}

func newOutput() *output { return &output{first: make(chan string, 1)} }

// Write records stderr.
func (o *output) Write(b []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.buf.Write(b)
}

// stdout returns the writer for stdout.
func (o *output) stdout() io.Writer { return stdoutWriter{o} }

type stdoutWriter struct{ o *output }

func (w stdoutWriter) Write(b []byte) (int, error) {
	o := w.o
	o.mu.Lock()
	defer o.mu.Unlock()
	if !o.sent {
		o.line = append(o.line, b...)
		if i := bytes.IndexByte(o.line, '\n'); i >= 0 {
			o.first <- string(o.line[:i])
			o.sent = true
		}
	}
	return o.buf.Write(b)
}

func (o *output) String() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.buf.String()
}
