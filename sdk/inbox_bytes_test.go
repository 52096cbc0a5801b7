package sdk

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/tetherws/tether/heartbeat"
	"github.com/tetherws/tether/internal/wserr"
	"github.com/tetherws/tether/transport"
)

// floodConn is a transport.Conn whose Read returns a size-byte binary message
// every time it is called, until the connection is closed: a server that
// sends faster than the application receives. It counts what it handed out.
type floodConn struct {
	size    int
	handed  atomic.Int64 // bytes returned by Read
	closed  chan struct{}
	closing sync.Once
}

func newFloodConn(size int) *floodConn { return &floodConn{size: size, closed: make(chan struct{})} }

func (c *floodConn) Read(context.Context) (transport.Message, error) {
	select {
	case <-c.closed:
		return transport.Message{}, wserr.ErrClosed
	default:
	}
	c.handed.Add(int64(c.size))
	return transport.BinaryMessage(make([]byte, c.size)), nil
}

func (c *floodConn) Write(context.Context, transport.Message) error { return nil }
func (c *floodConn) Close(int, string) error                        { c.Abort(0, ""); return nil }
func (c *floodConn) Abort(int, string)                              { c.closing.Do(func() { close(c.closed) }) }
func (c *floodConn) SubprotocolHeader() []string                    { return nil }

type floodDialer struct{ conn *floodConn }

func (d floodDialer) Dial(context.Context, string, transport.DialOptions) (transport.Conn, error) {
	return d.conn, nil
}

// dialFlood dials a floodConn of size-byte messages with o (reconnect and
// heartbeats off).
func dialFlood(t *testing.T, size int, o *Options) (*Client, *floodConn) {
	t.Helper()
	fc := newFloodConn(size)
	o.Dialer = floodDialer{fc}
	o.Reconnect.Disabled = true
	o.Heartbeat.Mode = heartbeat.ModeOff
	c, err := Dial(context.Background(), "ws://flood.test/", o)
	if err != nil {
		t.Fatal(err)
	}
	return c, fc
}

// TestInboxBoundedByBytes: a client that stops calling Receive holds at most
// defaultReceiveBufferBytes of messages, plus the one its reader has in hand,
// and then stops reading the socket, even when far fewer than ReceiveBuffer
// messages wait. Nothing is dropped: every message comes out of Receive.
func TestInboxBoundedByBytes(t *testing.T) {
	skipInBrowserPage(t)
	synctest.Test(t, func(t *testing.T) {
		const size = 64 << 10 // 64 messages of 64 KiB fill the default 4 MiB
		c, fc := dialFlood(t, size, &Options{})
		defer c.Close()
		time.Sleep(directGrace) // no Receive caller took the socket: the reader starts
		synctest.Wait()         // the reader is blocked: the inbox is full
		held := fc.handed.Load()
		if max := int64(defaultReceiveBufferBytes + size); held > max {
			t.Fatalf("client holds %d bytes of unreceived messages, want at most %d (%d messages)", held, max, held/size)
		}
		if held < defaultReceiveBufferBytes {
			t.Fatalf("reader stopped at %d bytes, before the inbox was full", held)
		}
		receiveHeld(t, c, held, size)
	})
}

// receiveHeld receives the held messages, and one more: the socket is read
// again once there is room.
func receiveHeld(t *testing.T, c *Client, held int64, size int) {
	t.Helper()
	for got := int64(0); got <= held; got += int64(size) {
		if m, err := c.Receive(context.Background()); err != nil || len(m.Data) != size {
			t.Fatalf("Receive after %d bytes: %d bytes, %v", got, len(m.Data), err)
		}
	}
}

// TestInboxTakesOneMessageOverTheByteBound: one message larger than
// ReceiveBufferBytes (up to ReadLimit) is taken when the inbox is empty, and
// only then.
func TestInboxTakesOneMessageOverTheByteBound(t *testing.T) {
	skipInBrowserPage(t)
	synctest.Test(t, func(t *testing.T) {
		const size = 5000
		c, fc := dialFlood(t, size, &Options{ReceiveBufferBytes: 1000})
		defer c.Close()
		time.Sleep(directGrace) // no Receive caller took the socket: the reader starts
		synctest.Wait()
		if n := c.inbox.len(); n != 1 {
			t.Fatalf("inbox holds %d messages of %d bytes, want exactly 1 over a 1000-byte bound", n, size)
		}
		if held := fc.handed.Load(); held != 2*size {
			t.Fatalf("reader took %d bytes, want the inbox's message and the one in hand (%d)", held, 2*size)
		}
		receiveHeld(t, c, 2*size, size)
	})
}

// TestInboxNegativeByteBound: a negative ReceiveBufferBytes is an Options mistake.
func TestInboxNegativeByteBound(t *testing.T) {
	err := dialRejected(t, testCtx(t), &Options{ReceiveBufferBytes: -1})
	if !errors.Is(err, ErrInvalidOptions) {
		t.Fatalf("err = %v, want ErrInvalidOptions", err)
	}
}

// TestInboxFits: the rules, on the inbox alone.
func TestInboxFits(t *testing.T) {
	q := newInbox(3, 1000)
	msg := func(n int) transport.Message { return transport.Message{Type: transport.Binary, Data: make([]byte, n)} }
	steps := []struct {
		add  int  // bytes of the message to try
		take bool // take one first
		want bool
	}{
		{add: 5000, want: true}, // empty: any size
		{add: 1, want: false},   // over the byte bound
		{take: true, add: 600, want: true},
		{add: 400, want: true}, // exactly 1000 bytes
		{add: 0, want: true},   // a third message, no bytes
		{add: 0, want: false},  // a fourth: over the count
		{take: true, add: 601, want: false},
		{add: 600, want: true},
	}
	for i, s := range steps {
		if s.take {
			if _, ok := q.take(); !ok {
				t.Fatalf("step %d: nothing to take", i)
			}
		}
		if got := q.tryPut(msg(s.add)); got != s.want {
			t.Fatalf("step %d: tryPut(%d bytes) = %v with %d messages, %d bytes held; want %v",
				i, s.add, got, q.len(), q.bytes, s.want)
		}
	}
}
