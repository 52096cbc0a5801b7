//go:build !js

package native

import (
	"io"
	"net"
	"sync/atomic"
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
type serverStream struct {
	rwc      io.ReadWriteCloser // set by the round trip that got the 101
	accepted atomic.Bool        // Dial accepted the handshake
	stopped  atomic.Bool        // the connection was failed: reads end at once
	messages atomic.Int64       // scanner.messages, for conn.Read
	scanner  frameScanner
	err      error // sticky scan error
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
