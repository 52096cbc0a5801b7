//go:build !js

package native

import (
	"context"
	"errors"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/tetherws/tether/transport"
)

// TestLateInterruptLeavesNextReadAlone: the callback of a Read's ended
// context runs on a goroutine of its own and may run after that Read has
// returned and the next one has armed the stream; it must not cut the next
// Read short (that Read's context has not ended: it would return no message
// and no error). The current arming's interrupt still works.
func TestLateInterruptLeavesNextReadAlone(t *testing.T) {
	client, server := net.Pipe()
	defer func() { _ = client.Close(); _ = server.Close() }()
	s := &serverStream{rwc: client, netConn: client}
	s.accepted.Store(true)

	earlier, _, _ := s.arm()
	s.disarm() // the earlier Read returned
	current, _, _ := s.arm()
	s.interrupt(earlier) // its context's callback, late
	frame := []byte{0x81, 2, 'h', 'i'}
	go func() { _, _ = server.Write(frame) }()
	buf := make([]byte, 16)
	if n, err := s.Read(buf); err != nil || n != len(frame) {
		t.Fatalf("Read after a late interrupt = %d, %v; want the %d-byte frame", n, err, len(frame))
	}

	s.interrupt(current)
	if _, err := s.Read(buf); !errors.Is(err, errInterrupted) {
		t.Fatalf("Read after the current arming's interrupt: %v, want errInterrupted", err)
	}
	s.disarm()
}

// noDeadlineConn is a connection that cannot take read deadlines, as a
// custom DialContext may return.
type noDeadlineConn struct{ net.Conn }

func (noDeadlineConn) SetReadDeadline(time.Time) error { return errors.ErrUnsupported }

// TestNoInterruptWithoutReadDeadlines: a connection whose read deadline
// cannot be set does not offer interruptible reads (the sdk then hands
// messages over from a reader goroutine), instead of a Read that would never
// notice its context's end.
func TestNoInterruptWithoutReadDeadlines(t *testing.T) {
	url, _ := acceptServer(t, false)
	tr := &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := (&net.Dialer{}).DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		return noDeadlineConn{c}, nil
	}}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	tc, err := (&Dialer{HTTPClient: &http.Client{Transport: tr}}).Dial(ctx, url, transport.DialOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer tc.Abort(transport.StatusNormalClosure, "")
	if tc.(*conn).InterruptibleRead() {
		t.Fatal("InterruptibleRead() = true on a connection without read deadlines")
	}
}
