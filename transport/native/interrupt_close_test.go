//go:build !js

package native

import (
	"context"
	"errors"
	"net"
	"testing"
	"testing/synctest"
	"time"

	"github.com/tetherws/tether/internal/wserr"
	"github.com/tetherws/tether/transport"
)

// answeredConn dials a server that answers the client's close frame with
// its own once answer is closed, after reporting the code it got on gotClose.
func answeredConn(t *testing.T, answer <-chan struct{}) (c *conn, gotClose <-chan int) {
	got := make(chan int, 1)
	url := hostileServer(t, "", func(p *rawPeer) {
		got <- p.closeCode()
		<-answer
		p.send(closeFrame(1000, ""))
		p.finish()
	})
	return dialT(t, url, transport.DialOptions{}).(*conn), got
}

// answered is an answer channel that is closed: the server answers at once.
func answered() <-chan struct{} {
	ch := make(chan struct{})
	close(ch)
	return ch
}

// streamLeft reports whether closeReads waits for the armed Read.
func streamLeft(s *serverStream) bool {
	s.intMu.Lock()
	defer s.intMu.Unlock()
	return s.left != nil
}

// A Read waiting for a message with a context that can end, when Close is
// called, returns wserr.ErrClosed and leaves the socket to the close
// handshake, which completes; a Read after that fails at once.
func TestCloseInterruptsAnArmedRead(t *testing.T) {
	tc, gotClose := answeredConn(t, answered())
	ctx := testCtx(t)
	s := tc.stream
	rctx, rcancel := context.WithCancel(ctx)
	defer rcancel()
	readErr := make(chan error, 1)
	go func() {
		_, err := tc.Read(rctx)
		readErr <- err
	}()
	waitUntil(t, ctx, "the Read armed the stream", func() bool {
		s.intMu.Lock()
		defer s.intMu.Unlock()
		return s.armed
	})
	if err := tc.Close(1000, ""); err != nil {
		t.Fatalf("Close = %v, want nil (the server answered)", err)
	}
	if err := <-readErr; !errors.Is(err, wserr.ErrClosed) {
		t.Fatalf("the waiting Read returned %v, want wserr.ErrClosed", err)
	}
	if code := <-gotClose; code != 1000 {
		t.Fatalf("server got close code %d, want 1000", code)
	}
	if _, err := tc.Read(rctx); !errors.Is(err, wserr.ErrClosed) {
		t.Fatalf("Read after Close = %v, want wserr.ErrClosed", err)
	}
}

// The interleaving behind a close that failed at once: a Read armed the
// stream but had not taken coder/websocket's read lock when Close began, and
// its context ended during the close handshake. Close now waits for that
// Read to leave before the handshake reads, so the late interrupt cannot cut
// the handshake's read, and the handshake completes.
func TestLateInterruptSparesTheCloseHandshake(t *testing.T) {
	answer := make(chan struct{})
	tc, gotClose := answeredConn(t, answer)
	ctx := testCtx(t)
	s := tc.stream
	arming, _, _ := s.arm() // a Read on its way to the socket
	closed := make(chan error, 1)
	go func() { closed <- tc.Close(1000, "") }()
	waitUntil(t, ctx, "Close waits for the armed Read", func() bool { return streamLeft(s) })
	if _, _, closing := s.arm(); !closing {
		t.Fatal("a Read armed the stream after Close began")
	}
	s.disarm() // the Read met closeReads' interrupt and left
	if code := <-gotClose; code != 1000 {
		t.Fatalf("server got close code %d, want 1000", code)
	}
	s.interrupt(arming) // the Read's context ends, late
	close(answer)
	if err := <-closed; err != nil {
		t.Fatalf("Close = %v, want nil: the handshake's read was cut", err)
	}
}

// closeReads waits for an armed Read until the deadline at most (a Read
// inside a message that never ends would otherwise hold Close), and without
// an armed Read not at all.
func TestCloseReadsWaitIsBounded(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		client, server := net.Pipe()
		defer func() { _ = client.Close(); _ = server.Close() }()
		s := &serverStream{rwc: client, netConn: client}
		s.accepted.Store(true)
		start := time.Now()
		if waited, ok := (&serverStream{rwc: client, netConn: client}).closeReads(start.Add(closeBound)); waited || !ok {
			t.Fatalf("closeReads without an armed Read: waited %v, ok %v", waited, ok)
		}
		s.arm()
		if waited, ok := s.closeReads(start.Add(closeBound)); !waited || ok {
			t.Fatalf("closeReads with an armed Read that stays: waited %v, ok %v", waited, ok)
		}
		if elapsed := time.Since(start); elapsed != closeBound {
			t.Fatalf("closeReads waited %v, want %v", elapsed, closeBound)
		}
	})
}

// cutAt closes the socket at its deadline (its stop function then returns
// once the cut ended); stopped before the deadline it cuts nothing.
func TestCutAt(t *testing.T) {
	c, _ := answeredConn(t, answered())
	ctx := testCtx(t)
	c.cutAt(time.Now().Add(time.Hour))() // stopped long before its deadline
	if _, err := c.stream.netConn.Write(nil); err != nil {
		t.Fatalf("write after a stopped cut: %v", err)
	}
	stop := c.cutAt(time.Now())
	waitUntil(t, ctx, "the cut closed the socket", func() bool {
		_, err := c.stream.netConn.Write(nil)
		return errors.Is(err, net.ErrClosed)
	})
	stop()
}

// After waiting for an armed Read, Close keeps to its bound: the handshake
// that follows is cut at the same deadline, and Close says the server did not
// answer (coder/websocket would report the cut socket as a success, and the
// sdk would take what was written as read). The bound is a test's 2 s, the
// Read leaves as soon as the test sees Close wait for it.
func TestCloseBoundCoversTheWait(t *testing.T) {
	answer := make(chan struct{})
	c, gotClose := answeredConn(t, answer)
	t.Cleanup(func() { close(answer) }) // the server never answers before the test ends
	ctx := testCtx(t)
	s := c.stream
	s.arm() // a Read on its way to the socket
	closed := make(chan error, 1)
	go func() { closed <- c.close(1000, "", 2*time.Second) }()
	waitUntil(t, ctx, "Close waits for the armed Read", func() bool { return streamLeft(s) })
	s.disarm()
	if code := <-gotClose; code != 1000 {
		t.Fatalf("server got close code %d, want 1000", code)
	}
	if err := <-closed; !errors.Is(err, errCloseUnanswered) {
		t.Fatalf("Close = %v, want errCloseUnanswered", err)
	}
}
