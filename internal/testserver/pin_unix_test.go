//go:build unix

package testserver

import (
	"net"
	"syscall"
	"testing"
)

// TestSlowReadPinsReceiveBuffer: a slow_read connection's receive buffer is
// the pinned SlowReadBuffer (Linux reports it doubled), smaller than what the
// kernel gives an ordinary connection (measured on /echo).
func TestSlowReadPinsReceiveBuffer(t *testing.T) {
	def := serverReceiveBuffer(t, "/echo")
	if def <= 2*SlowReadBuffer {
		t.Skipf("the kernel's default receive buffer (%d bytes) is no larger than the pin: nothing to tell apart", def)
	}
	if got := serverReceiveBuffer(t, "/chaos?slow_read=1"); got > 2*SlowReadBuffer {
		t.Fatalf("slow_read: SO_RCVBUF = %d, want at most 2*%d (default %d)", got, SlowReadBuffer, def)
	}
}

// serverReceiveBuffer opens a connection to path on a new server and returns
// SO_RCVBUF of the server's side.
func serverReceiveBuffer(t *testing.T, path string) int {
	t.Helper()
	r := start(t, Options{})
	dial(t, r.URL(path))
	var sc *tapConn
	waitFor(t, "the server's connection", func() bool { sc = liveConn(r.Server()); return sc != nil })
	rc, err := sc.Conn.(*net.TCPConn).SyscallConn()
	if err != nil {
		t.Fatal(err)
	}
	var n int
	var serr error
	if err := rc.Control(func(fd uintptr) { n, serr = syscall.GetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF) }); err != nil {
		t.Fatal(err)
	}
	if serr != nil {
		t.Fatal(serr)
	}
	return n
}
