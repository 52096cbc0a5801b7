//go:build !js

package native

import (
	"errors"
	"io"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

// serverStream is the byte stream coder/websocket reads and writes once the
// server answered 101: net/http's body of that response, with the server's
// frames scanned as they pass (see frameScanner). Until Dial accepts the
// response, reads see EOF at once: after a rejected handshake coder/websocket
// reads the body "for debugging" for up to 3 s, which would turn a clear
// handshake error into a slow timeout.
//
// coder/websocket calls Read only while holding its read lock, so the scanner
// and err need no lock of their own; what other goroutines look at is atomic.
//
// A Read waiting for the next message can be interrupted without harm to the
// connection (see interrupt): it then returns errInterrupted, having consumed
// nothing, and coder/websocket, which closes a connection only when a read's
// context ends, passes the error on and reads normally afterwards.
type serverStream struct {
	rwc      io.ReadWriteCloser // set by the round trip that got the 101
	netConn  net.Conn           // the connection under rwc, when the round trip reported it; nil: no interrupts
	accepted atomic.Bool        // Dial accepted the handshake
	stopped  atomic.Bool        // the connection was failed: reads end at once
	messages atomic.Int64       // scanner.messages, for conn.Read
	scanner  frameScanner
	err      error // sticky scan error

	intMu        sync.Mutex
	armed        bool          // interrupt may cut Reads short (guarded by intMu)
	arming       uint64        // which arm call armed it: a late interrupt of an earlier Read is ignored (guarded by intMu)
	interrupting bool          // interrupt set netConn's read deadline (guarded by intMu)
	closing      bool          // closeReads began: no Read arms again (guarded by intMu)
	left         chan struct{} // closeReads waits on it for the armed Read to disarm (guarded by intMu)
}

// errInterrupted is what an interrupted Read returns: nothing was consumed.
var errInterrupted = errors.New("tether: read interrupted between messages")

// aLongTimeAgo is a read deadline that has passed: a Read waiting on the
// connection returns at once.
var aLongTimeAgo = time.Unix(1, 0)

// arm lets interrupt(arming) cut Reads short until disarm; ok is false when
// the stream cannot be interrupted (the round trip did not report its
// connection), closing is true (and nothing armed) once the close handshake
// began (closeReads): the caller must not read.
func (s *serverStream) arm() (arming uint64, ok, closing bool) {
	if s.netConn == nil {
		return 0, false, false
	}
	s.intMu.Lock()
	defer s.intMu.Unlock()
	if s.closing {
		return 0, true, true
	}
	s.armed = true
	s.arming++
	return s.arming, true, false
}

// interrupt makes a Read that waits for the next message return
// errInterrupted at once. A Read in the middle of a message carries on to
// its end: cutting it would lose what was consumed. No-op unless the stream
// is still armed by the arm call that returned arming: the callback of an
// ended context may run after its Read returned and the next one armed.
func (s *serverStream) interrupt(arming uint64) {
	s.intMu.Lock()
	defer s.intMu.Unlock()
	if s.armed && s.arming == arming {
		s.interruptLocked()
	}
}

func (s *serverStream) interruptLocked() {
	if !s.interrupting {
		s.interrupting = true
		_ = s.netConn.SetReadDeadline(aLongTimeAgo)
	}
}

// disarm ends what arm started, clearing a deadline interrupt set that no
// Read met, and lets a waiting closeReads go on.
func (s *serverStream) disarm() {
	s.intMu.Lock()
	defer s.intMu.Unlock()
	s.armed = false
	s.clearLocked()
	if s.left != nil {
		close(s.left)
		s.left = nil
	}
}

// closeBound bounds a close handshake, including the wait for an armed Read
// (closeReads): coder/websocket's own bound on its handshake.
const closeBound = 5 * time.Second

// closeReads readies the stream for the close handshake, whose reads an
// interrupt meant for a Read must never cut (Close would fail at once and the
// handshake be lost): no Read arms from now on, and an armed Read is
// interrupted and waited for, until deadline at most (one inside a message
// reads to its end first). Until it disarms, that Read may hold
// coder/websocket's read lock or be about to take it, so only then can the
// handshake read safely. waited reports that there was an armed Read, ok
// that it left in time.
func (s *serverStream) closeReads(deadline time.Time) (waited, ok bool) {
	s.intMu.Lock()
	s.closing = true
	if !s.armed {
		s.intMu.Unlock()
		return false, true
	}
	left := make(chan struct{})
	s.left = left
	s.interruptLocked()
	s.intMu.Unlock()
	t := time.NewTimer(time.Until(deadline))
	defer t.Stop()
	select {
	case <-left:
		return true, true
	case <-t.C:
		return true, false
	}
}

// interrupted reports whether err is interrupt's deadline, which it clears.
func (s *serverStream) interrupted(err error) bool {
	if !errors.Is(err, os.ErrDeadlineExceeded) {
		return false
	}
	s.intMu.Lock()
	defer s.intMu.Unlock()
	return s.clearLocked()
}

func (s *serverStream) clearLocked() bool {
	if !s.interrupting {
		return false
	}
	s.interrupting = false
	_ = s.netConn.SetReadDeadline(time.Time{})
	return true
}

// Read reads from the connection and scans what it got.
func (s *serverStream) Read(p []byte) (int, error) {
	switch {
	case !s.accepted.Load():
		return 0, io.EOF
	case s.stopped.Load():
		return 0, net.ErrClosed
	case s.err != nil:
		return 0, s.err
	}
	n, err := s.rwc.Read(p)
	for n == 0 && err != nil && s.interrupted(err) {
		if s.scanner.atMessageEnd() {
			return 0, errInterrupted
		}
		n, err = s.rwc.Read(p) // inside a message: read on to its end
	}
	k, scanErr := s.scanner.scan(p[:n])
	s.messages.Store(s.scanner.messages)
	if scanErr != nil {
		s.err = scanErr
		return k, scanErr
	}
	return n, err
}

// Write writes to the connection unchanged.
func (s *serverStream) Write(p []byte) (int, error) { return s.rwc.Write(p) }

// Close closes the connection.
func (s *serverStream) Close() error { return s.rwc.Close() }

// stop makes later reads fail at once, so that a close handshake started on a
// failed connection does not wait for the peer's answer.
func (s *serverStream) stop() { s.stopped.Store(true) }
