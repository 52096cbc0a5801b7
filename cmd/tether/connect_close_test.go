//go:build !js

package main

import (
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/coder/websocket"
)

// Ctrl-C (SIGINT) closes the connection with 1000, as the server sees it, and
// exits 0.
func TestCtrlCClosesWith1000(t *testing.T) {
	t.Parallel()
	srv := newPeer(t, nil, nil)
	p := start(t, nil, "connect", srv.url, "--json", "--send", "hi")
	p.next("message")
	p.interrupt()
	if code := p.wait(); code != exitOK {
		t.Fatalf("exit %d after SIGINT\n%s", code, p.stderr.String())
	}
	if code := srv.closeCode(); code != websocket.StatusNormalClosure {
		t.Errorf("the server saw close %d, want 1000", code)
	}
	lines := strings.Split(p.stdout(), "\n")
	if last := decode(t, lines[len(lines)-1]); last.kind() != "close" || last.num("code") != 1000 || !last.flag("final") {
		t.Errorf("last event %v, want close 1000 final", last)
	}
}

// Interactive use: stdin lines are sent, replies print with "<", sent lines
// with ">", status lines go to stderr, and the end of stdin closes with 1000.
func TestInteractiveEOFClosesWith1000(t *testing.T) {
	t.Parallel()
	srv := newPeer(t, nil, nil)
	in, stdin := io.Pipe()
	p := start(t, in, "connect", srv.url, "--linger", "100ms")
	t.Cleanup(func() { _ = stdin.Close() })
	if _, err := io.WriteString(stdin, "hello\n"); err != nil {
		t.Fatal(err)
	}
	for p.line() != "< hello" {
	}
	_ = stdin.Close()
	if code := p.wait(); code != exitOK {
		t.Fatalf("exit %d after EOF\n%s\n%s", code, p.stdout(), p.stderr.String())
	}
	if code := srv.closeCode(); code != websocket.StatusNormalClosure {
		t.Errorf("the server saw close %d, want 1000", code)
	}
	if out := p.stdout(); out != "> hello\n< hello" {
		t.Errorf("stdout %q, want the sent and the received line only", out)
	}
	for _, want := range []string{"tether: connecting to " + srv.url, "tether: open", "tether: closed 1000"} {
		if !strings.Contains(p.stderr.String(), want) {
			t.Errorf("no %q on stderr:\n%s", want, p.stderr.String())
		}
	}
}

// A line typed while the client is reconnecting waits in the outbox and is
// sent on the next connection.
func TestStdinLineWhileReconnecting(t *testing.T) {
	t.Parallel()
	dropped := make(chan struct{})
	srv := newPeer(t, nil, func(n int, c *websocket.Conn) bool {
		if n == 1 {
			select { // the test saw "open"
			case <-dropped:
			case <-t.Context().Done():
			}
			return false // CloseNow: no close frame
		}
		return true
	})
	in, stdin := io.Pipe()
	t.Cleanup(func() { _ = stdin.Close() })
	p := start(t, in, "connect", srv.url, "--json", "--reconnect-initial", "1s", "--reconnect-max", "1s",
		"--linger", "100ms")
	p.next("open")
	close(dropped)
	p.next("reconnecting")
	if _, err := io.WriteString(stdin, "while down\n"); err != nil {
		t.Fatal(err)
	}
	if m := p.next("message"); m.str("data") != "while down" {
		t.Fatalf("message %v", m)
	}
	_ = stdin.Close()
	if code := p.wait(); code != exitOK {
		t.Fatalf("exit %d\n%s", code, p.stdout())
	}
	if got := srv.received(2); !slices.Equal(got, []string{"while down"}) {
		t.Errorf("connection 2 received %q", got)
	}
}

// A server that never answers the close frame does not hold tether for the
// SDK's close timeout: after closeWait the last line says so (1006) and
// tether exits 0.
func TestUnansweredCloseFrame(t *testing.T) {
	t.Parallel()
	srv := newPeer(t, nil, func(int, *websocket.Conn) bool {
		<-t.Context().Done() // never read: the close frame goes unanswered
		return false
	})
	p := start(t, nil, "connect", srv.url, "--json")
	p.next("open")
	p.interrupt()
	if code := p.wait(); code != exitOK {
		t.Fatalf("exit %d after SIGINT\n%s", code, p.stderr.String())
	}
	lines := strings.Split(p.stdout(), "\n")
	last := decode(t, lines[len(lines)-1])
	if last.kind() != "close" || last.num("code") != 1006 || !last.flag("final") || last.str("reason") != "close handshake not answered" {
		t.Errorf("last event %v, want close 1006 final, close handshake not answered", last)
	}
}
