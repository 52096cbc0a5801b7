//go:build !js

package faultproxy

import (
	"bytes"
	"io"
	"net"
	"testing"
	"time"
)

// TestDelayHoldsEveryByte: with a one-way delay d, an echo takes at least
// 2·d (the delay is a floor the proxy guarantees, whatever the machine's
// speed), and a large stream and the half-close after it arrive intact and
// in order.
func TestDelayHoldsEveryByte(t *testing.T) {
	const d = 40 * time.Millisecond
	e := startEcho(t)
	p := newProxy(t, e.ln.Addr().String())
	p.SetDelay(d)
	c := dial(t, p)
	start := time.Now()
	if got, err := roundTrip(c, "ping"); err != nil || got != "ping" {
		t.Fatalf("round trip: %q, %v", got, err)
	}
	if rtt := time.Since(start); rtt < 2*d {
		t.Fatalf("round trip took %s; the delay is %s each way", rtt, d)
	}
	want := bytes.Repeat([]byte("0123456789abcdef"), 64<<10) // 1 MiB: many chunks
	go func() {
		_, _ = c.Write(want)
		_ = c.(*net.TCPConn).CloseWrite()
	}()
	_ = c.SetReadDeadline(time.Now().Add(10 * time.Second))
	got, err := io.ReadAll(c) // ends at the echo server's half-close, passed back through the line
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("stream: %d of %d bytes, equal %v, err %v", len(got), len(want), bytes.Equal(got, want), err)
	}
}

// TestDelayedPairCloses: cutting a delayed pair and closing the proxy end
// both directions' readers and writers (the leak check in TestMain sees any
// left).
func TestDelayedPairCloses(t *testing.T) {
	e := startEcho(t)
	p := newProxy(t, e.ln.Addr().String())
	p.SetDelay(time.Hour) // bytes in the line are never due
	c := dial(t, p)
	if _, err := c.Write([]byte("held")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the pair", func() bool { return p.Conns() == 1 })
	p.CutAll()
	_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
	if n, err := c.Read(make([]byte, 4)); err == nil {
		t.Fatalf("read %d bytes of a cut pair", n)
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
}
