//go:build !js

package faultproxy

import (
	"bytes"
	"errors"
	"io"
	"net"
	"runtime"
	"sync"
	"testing"
	"time"
)

// echoServer is a plain TCP echo server on loopback for the tests.
type echoServer struct {
	ln    net.Listener
	wg    sync.WaitGroup
	mu    sync.Mutex
	conns map[net.Conn]struct{}
}

func startEcho(t *testing.T) *echoServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	e := &echoServer{ln: ln, conns: make(map[net.Conn]struct{})}
	e.wg.Add(1)
	go e.loop()
	t.Cleanup(e.close)
	return e
}

func (e *echoServer) loop() {
	defer e.wg.Done()
	for {
		c, err := e.ln.Accept()
		if err != nil {
			return
		}
		e.mu.Lock()
		e.conns[c] = struct{}{}
		e.mu.Unlock()
		e.wg.Add(1)
		go func() {
			defer e.wg.Done()
			_, _ = io.Copy(c, c)
			_ = c.Close()
		}()
	}
}

func (e *echoServer) close() {
	_ = e.ln.Close()
	e.mu.Lock()
	for c := range e.conns {
		_ = c.Close()
	}
	e.mu.Unlock()
	e.wg.Wait()
}

func newProxy(t *testing.T, target string) *Proxy {
	t.Helper()
	p, err := New(target)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = p.Close() })
	return p
}

func dial(t *testing.T, p *Proxy) net.Conn {
	t.Helper()
	c, err := net.DialTimeout("tcp", p.Addr(), 2*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

// roundTrip writes msg and reads the same number of bytes back within 2 s.
func roundTrip(c net.Conn, msg string) (string, error) {
	if _, err := c.Write([]byte(msg)); err != nil {
		return "", err
	}
	_ = c.SetReadDeadline(time.Now().Add(2 * time.Second))
	buf := make([]byte, len(msg))
	_, err := io.ReadFull(c, buf)
	return string(buf), err
}

// tryRoundTrip dials the proxy and round-trips msg; a refused connection may fail
// either in the dial (the RST can arrive before connect returns) or in the I/O.
func tryRoundTrip(p *Proxy, msg string) error {
	c, err := net.DialTimeout("tcp", p.Addr(), 2*time.Second)
	if err != nil {
		return err
	}
	defer c.Close()
	_, err = roundTrip(c, msg)
	return err
}

// waitFor polls cond on a short ticker until it holds or 2 s pass.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	deadline := time.NewTimer(2 * time.Second)
	defer deadline.Stop()
	for !cond() {
		select {
		case <-tick.C:
		case <-deadline.C:
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

func TestEcho(t *testing.T) {
	e := startEcho(t)
	p := newProxy(t, e.ln.Addr().String())
	c := dial(t, p)
	for _, msg := range []string{"hello", "world", string(bytes.Repeat([]byte("x"), 100000))} {
		got, err := roundTrip(c, msg)
		if err != nil || got != msg {
			t.Fatalf("round trip: got %d bytes, err %v", len(got), err)
		}
	}
	if p.Conns() != 1 || p.Accepted() != 1 {
		t.Fatalf("Conns=%d Accepted=%d, want 1 and 1", p.Conns(), p.Accepted())
	}
	_ = c.Close()
	waitFor(t, "Conns()==0 after client close", func() bool { return p.Conns() == 0 })
}

func TestURL(t *testing.T) {
	p := newProxy(t, "127.0.0.1:1")
	if got, want := p.URL("ws", "echo"), "ws://"+p.Addr()+"/echo"; got != want {
		t.Fatalf("URL = %q, want %q", got, want)
	}
}

func TestBadTarget(t *testing.T) {
	if _, err := New("no-port"); err == nil {
		t.Fatal("New accepted a target without a port")
	}
}

func TestCutAndReset(t *testing.T) {
	for _, tc := range []struct {
		name string
		fail func(*Proxy)
	}{
		{"cut", (*Proxy).CutAll},
		{"reset", (*Proxy).ResetAll},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := startEcho(t)
			p := newProxy(t, e.ln.Addr().String())
			c := dial(t, p)
			if _, err := roundTrip(c, "ping"); err != nil {
				t.Fatal(err)
			}
			tc.fail(p)
			_ = c.SetReadDeadline(time.Now().Add(2 * time.Second))
			_, err := c.Read(make([]byte, 1))
			var ne net.Error
			if err == nil || (errors.As(err, &ne) && ne.Timeout()) {
				t.Fatalf("read after %s: err = %v, want EOF or reset", tc.name, err)
			}
			waitFor(t, "Conns()==0", func() bool { return p.Conns() == 0 })
			c2 := dial(t, p)
			if _, err := roundTrip(c2, "again"); err != nil {
				t.Fatalf("new connection after %s: %v", tc.name, err)
			}
		})
	}
}

func TestBlackhole(t *testing.T) {
	e := startEcho(t)
	p := newProxy(t, e.ln.Addr().String())
	c := dial(t, p)
	if _, err := roundTrip(c, "before"); err != nil {
		t.Fatal(err)
	}
	p.Blackhole(true)
	if _, err := c.Write([]byte("lost")); err != nil {
		t.Fatalf("write while blackholed: %v", err)
	}
	waitFor(t, "bytes swallowed", func() bool { return p.Swallowed() >= 4 })
	_ = c.SetReadDeadline(time.Now().Add(300 * time.Millisecond))
	_, err := c.Read(make([]byte, 1))
	var ne net.Error
	if !errors.As(err, &ne) || !ne.Timeout() {
		t.Fatalf("read while blackholed: err = %v, want timeout", err)
	}
	if p.Conns() != 1 {
		t.Fatalf("Conns = %d while blackholed, want 1 (TCP stays open)", p.Conns())
	}
	p.Blackhole(false)
	got, err := roundTrip(c, "after")
	if err != nil || got != "after" {
		t.Fatalf("after blackhole: got %q, err %v; want the new bytes only", got, err)
	}
}

func TestRefuse(t *testing.T) {
	e := startEcho(t)
	p := newProxy(t, e.ln.Addr().String())
	p.Refuse(true)
	err := tryRoundTrip(p, "x")
	var ne net.Error
	if err == nil || (errors.As(err, &ne) && ne.Timeout()) {
		t.Fatalf("round trip while refusing: err = %v, want EOF or reset", err)
	}
	if p.Accepted() != 1 || p.Refused() != 1 || p.Conns() != 0 {
		t.Fatalf("Accepted=%d Refused=%d Conns=%d, want 1 1 0", p.Accepted(), p.Refused(), p.Conns())
	}
	p.Refuse(false)
	if _, err := roundTrip(dial(t, p), "ok"); err != nil {
		t.Fatalf("after Refuse(false): %v", err)
	}
}

func TestUnreachableTarget(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	target := ln.Addr().String()
	_ = ln.Close()
	p := newProxy(t, target)
	if err := tryRoundTrip(p, "x"); err == nil {
		t.Fatal("round trip to a dead target succeeded")
	}
	waitFor(t, "Refused()==1", func() bool { return p.Refused() == 1 })
}

func TestCloseLeavesNoGoroutines(t *testing.T) {
	before := runtime.NumGoroutine()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	e := &echoServer{ln: ln, conns: make(map[net.Conn]struct{})}
	e.wg.Add(1)
	go e.loop()
	p, err := New(ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	var clients []net.Conn
	for range 3 {
		c, err := net.DialTimeout("tcp", p.Addr(), 2*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		clients = append(clients, c)
		if _, err := roundTrip(c, "hi"); err != nil {
			t.Fatal(err)
		}
	}
	p.Blackhole(true)
	if err := p.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if err := p.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	for _, c := range clients {
		_ = c.Close()
	}
	e.close()
	waitFor(t, "goroutines to exit", func() bool { return runtime.NumGoroutine() <= before })
}
