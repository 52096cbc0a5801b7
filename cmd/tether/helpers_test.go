//go:build !js

package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"
)

// procTimeout bounds every tether process a test starts.
const procTimeout = 30 * time.Second

// proc is a running tether process whose stdout lines arrive on lines.
type proc struct {
	t      *testing.T
	cmd    *exec.Cmd
	cancel context.CancelFunc
	lines  chan string // closed at the end of stdout
	stderr lockedBuffer
	mu     sync.Mutex
	seen   []string // every stdout line so far
	once   sync.Once
	code   int
}

// lockedBuffer is a bytes.Buffer safe for a writer and a reader goroutine.
type lockedBuffer struct {
	mu      sync.Mutex
	b       bytes.Buffer
	changed chan struct{} // nil, or capacity 1: told after each write
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.changed != nil {
		notify(l.changed)
	}
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// start runs tether with args; stdin nil means an empty stdin.
func start(t *testing.T, stdin io.Reader, args ...string) *proc {
	t.Helper()
	return startEnv(t, nil, stdin, args...)
}

// startEnv is start with env ("NAME=value") added to tether's environment.
func startEnv(t *testing.T, env []string, stdin io.Reader, args ...string) *proc {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), procTimeout)
	p := &proc{t: t, cancel: cancel, lines: make(chan string, 4096)}
	p.stderr.changed = make(chan struct{}, 1)
	p.cmd = exec.CommandContext(ctx, binary, args...)
	p.cmd.Stdin, p.cmd.Stderr, p.cmd.WaitDelay = stdin, &p.stderr, 5*time.Second
	// A -race binary sleeps 1 s at exit by default; a race still fails the run.
	p.cmd.Env = append(append(os.Environ(), "GORACE=atexit_sleep_ms=0"), env...)
	out, err := p.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go p.read(out)
	t.Cleanup(func() { p.cancel(); p.wait() }) // kill a process a failed test left running
	return p
}

func (p *proc) read(r io.Reader) {
	defer close(p.lines)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		p.mu.Lock()
		p.seen = append(p.seen, sc.Text())
		p.mu.Unlock()
		p.lines <- sc.Text()
	}
}

// line returns the next stdout line; it fails the test at the end of stdout.
func (p *proc) line() string {
	p.t.Helper()
	l, ok := <-p.lines
	if !ok {
		p.t.Fatalf("tether ended early; stdout:\n%s\nstderr:\n%s", p.stdout(), p.stderr.String())
	}
	return l
}

// awaitStderr waits until stderr contains want.
func (p *proc) awaitStderr(want string) {
	p.t.Helper()
	bound := time.NewTimer(procTimeout)
	defer bound.Stop()
	for !strings.Contains(p.stderr.String(), want) {
		select {
		case <-p.stderr.changed:
		case <-bound.C:
			p.t.Fatalf("no %q on stderr:\n%s", want, p.stderr.String())
		}
	}
}

// wait waits for the exit and returns the status.
func (p *proc) wait() int {
	p.once.Do(func() {
		for range p.lines { // drain so the reader finishes before Wait
		}
		err := p.cmd.Wait()
		p.cancel()
		var ee *exec.ExitError
		switch {
		case err == nil:
		case errors.As(err, &ee):
			p.code = ee.ExitCode()
		default:
			p.code = -1
		}
		if strings.Contains(p.stderr.String(), "DATA RACE") {
			p.t.Errorf("the tether process reported a data race:\n%s", p.stderr.String())
		}
	})
	return p.code
}

// signal sends SIGINT (Ctrl-C).
func (p *proc) interrupt() {
	p.t.Helper()
	if err := p.cmd.Process.Signal(os.Interrupt); err != nil {
		p.t.Fatal(err)
	}
}

func (p *proc) stdout() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return strings.Join(p.seen, "\n")
}

// event is one decoded JSON line.
type event map[string]any

func (e event) kind() string         { s, _ := e["event"].(string); return s }
func (e event) str(k string) string  { s, _ := e[k].(string); return s }
func (e event) num(k string) float64 { n, _ := e[k].(float64); return n }
func (e event) flag(k string) bool   { b, _ := e[k].(bool); return b }

// decode parses a JSON event line and checks it against the schema (every
// event of every test is checked).
func decode(t *testing.T, line string) event {
	t.Helper()
	var e event
	if err := json.Unmarshal([]byte(line), &e); err != nil {
		t.Fatalf("not a JSON line: %q: %v", line, err)
	}
	checkSchema(t, line, e)
	return e
}

// next returns the next event of one of kinds, skipping others.
func (p *proc) next(kinds ...string) event {
	p.t.Helper()
	for {
		e := decode(p.t, p.line())
		for _, k := range kinds {
			if e.kind() == k {
				return e
			}
		}
	}
}

// sequence reads the next n events whose kind is not skipped.
func (p *proc) sequence(n int, skip ...string) []event {
	p.t.Helper()
	var out []event
	for len(out) < n {
		e := decode(p.t, p.line())
		if !contains(skip, e.kind()) {
			out = append(out, e)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func kinds(evs []event) []string {
	out := make([]string, len(evs))
	for i, e := range evs {
		out[i] = e.kind()
	}
	return out
}

// result is a finished run.
type result struct {
	code           int
	stdout, stderr string
	events         []event // stdout decoded, for --json runs
}

// runJSON runs tether to completion and decodes its --json output.
func runJSON(t *testing.T, stdin io.Reader, args ...string) result {
	t.Helper()
	r := runText(t, stdin, args...)
	for _, l := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		if l != "" {
			r.events = append(r.events, decode(t, l))
		}
	}
	return r
}

// runText runs tether to completion.
func runText(t *testing.T, stdin io.Reader, args ...string) result {
	t.Helper()
	p := start(t, stdin, args...)
	code := p.wait()
	return result{code: code, stdout: p.stdout(), stderr: p.stderr.String()}
}

// only returns the events of kind.
func (r result) only(kind string) []event {
	var out []event
	for _, e := range r.events {
		if e.kind() == kind {
			out = append(out, e)
		}
	}
	return out
}

func (r result) String() string { return "stdout:\n" + r.stdout + "\nstderr:\n" + r.stderr }
