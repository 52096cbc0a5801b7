//go:build !js && linux

package main

import (
	"context"
	"net"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/coder/websocket"
)

// tinyWindowListener listens on loopback with a small MSS and receive buffer,
// so a client's large write to a connection that is never read blocks instead
// of vanishing into kernel buffers.
func tinyWindowListener(t *testing.T) net.Listener {
	t.Helper()
	lc := net.ListenConfig{Control: func(_, _ string, rc syscall.RawConn) error {
		var err error
		cerr := rc.Control(func(fd uintptr) {
			err = syscall.SetsockoptInt(int(fd), syscall.IPPROTO_TCP, syscall.TCP_MAXSEG, 1024)
			if err == nil {
				err = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, 4096)
			}
		})
		if cerr != nil {
			return cerr
		}
		return err
	}}
	ln, err := lc.Listen(context.Background(), "tcp", "127.0.0.1:0")
	if err != nil {
		t.Skipf("cannot shrink the TCP window: %v", err)
	}
	return ln
}

// --send goes through the outbox: a message whose write the connection's loss
// interrupted is sent again, in order, on the next connection. The first
// connection never reads, so the 120 KB message cannot be written before the
// server drops it (whenever that happens).
func TestSendResentAfterDrop(t *testing.T) {
	t.Parallel()
	opened := make(chan struct{})
	srv := newPeer(t, tinyWindowListener(t), func(n int, c *websocket.Conn) bool {
		if n > 1 {
			return true
		}
		select { // never read; drop once tether printed "open"
		case <-opened:
		case <-t.Context().Done():
		}
		return false // CloseNow: with unread data, a TCP reset
	})
	big := strings.Repeat("x", 120_000)
	p := start(t, nil, "connect", srv.url, "--json", "--send", big, "--send", "small", "--count", "2",
		"--reconnect-initial", "50ms", "--reconnect-max", "100ms")
	p.next("open")
	close(opened)
	if e := p.next("reconnecting"); e.str("kind") != "network" {
		t.Errorf("reconnecting %v", e)
	}
	if code := p.wait(); code != exitOK {
		t.Fatalf("exit %d\n%s", code, p.stderr.String())
	}
	if got := srv.received(2); !slices.Equal(got, []string{big, "small"}) {
		t.Errorf("connection 2 received %d messages, want the big one then \"small\"", len(got))
	}
	var sent int
	for _, l := range strings.Split(p.stdout(), "\n") {
		if decode(t, l).kind() == "sent" {
			sent++
		}
	}
	if sent != 2 {
		t.Errorf("%d sent events, want 2 (each message once, when written)", sent)
	}
}
