package sdk

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"

	"github.com/tetherws/tether/transport"
)

// tryWriteDialer wraps the platform's transport with a TryWrite the test
// controls: it answers with accept (writing the message, as a browser
// connection does) or refuses, and counts its calls.
type tryWriteDialer struct {
	inner  transport.Dialer
	answer func(call int64, tc transport.Conn) (accept bool, err error)
	calls  atomic.Int64
}

func (d *tryWriteDialer) Dial(ctx context.Context, url string, opts transport.DialOptions) (transport.Conn, error) {
	tc, err := d.inner.Dial(ctx, url, opts)
	if err != nil {
		return nil, err
	}
	return &tryWriteConn{Conn: tc, d: d}, nil
}

// tryWriteConn makes a native connection a transport.Queued one, as a
// browser's is: TryWrite asks the test's answer function.
type tryWriteConn struct {
	transport.Conn
	d *tryWriteDialer
}

func (c *tryWriteConn) TryWrite(m transport.Message) (bool, error) {
	accept, err := c.d.answer(c.d.calls.Add(1), c.Conn)
	if err != nil || !accept {
		return false, err
	}
	return true, c.Conn.Write(context.Background(), m)
}

func (c *tryWriteConn) BufferedAmount() int64 { return 0 }

// Read keeps the native read uncancelled, as Queued promises callers it is
// safe to cancel: the tests wait for each message they expect.
func (c *tryWriteConn) Read(context.Context) (transport.Message, error) {
	return c.Conn.Read(context.Background())
}

func dialTryWrite(t *testing.T, o *Options, answer func(int64, transport.Conn) (bool, error)) (*Client, *tryWriteDialer) {
	t.Helper()
	d := &tryWriteDialer{inner: defaultDialer(), answer: answer}
	o.Dialer = d
	c := dialT(t, testServerURL(t)+"/echo", o)
	waitUntil(t, "the connection never became ready for direct sends", func() bool { return c.ready.Load() != nil })
	return c, d
}

func TestEnqueueWritesAtOnceWhenTheTransportCan(t *testing.T) {
	c, d := dialTryWrite(t, noReconnect(), func(int64, transport.Conn) (bool, error) { return true, nil })
	if err := c.Enqueue(transport.Message{Type: transport.Text, Data: []byte("now")}); err != nil {
		t.Fatal(err)
	}
	if n := d.calls.Load(); n != 1 || !c.outbox.empty() {
		t.Fatalf("after Enqueue: %d TryWrite calls, outbox empty %v; want 1 call and nothing queued", n, c.outbox.empty())
	}
	if m := mustReceive(t, c); m.Text() != "now" {
		t.Fatalf("echo = %q", m.Data)
	}
}

func TestEnqueueQueuesWhatTryWriteRefuses(t *testing.T) {
	c, d := dialTryWrite(t, noReconnect(), func(int64, transport.Conn) (bool, error) { return false, nil })
	for _, s := range []string{"a", "b", "c"} {
		if err := c.Enqueue(transport.Message{Type: transport.Text, Data: []byte(s)}); err != nil {
			t.Fatal(err)
		}
	}
	for _, want := range []string{"a", "b", "c"} {
		if m := mustReceive(t, c); m.Text() != want {
			t.Fatalf("got %q, want %q", m.Data, want)
		}
	}
	if d.calls.Load() == 0 {
		t.Fatal("Enqueue never tried a direct write")
	}
}

func TestEnqueueKeepsMessageWhenTryWriteFails(t *testing.T) {
	broken := errors.New("connection lost mid-send")
	var reopened atomic.Bool
	o := fastReconnect()
	o.OnEvent = on(func(ev OpenEvent) { reopened.Store(reopened.Load() || ev.Reconnect) })
	c, _ := dialTryWrite(t, o, func(call int64, tc transport.Conn) (bool, error) {
		if call == 1 {
			tc.Abort(transport.StatusGoingAway, "test")
			return false, broken
		}
		return true, nil
	})
	if err := c.Enqueue(transport.Message{Type: transport.Text, Data: []byte("kept")}); err != nil {
		t.Fatal(err)
	}
	if m := mustReceive(t, c); m.Text() != "kept" {
		t.Fatalf("after the reconnect got %q, want the message Enqueue kept", m.Data)
	}
	waitUntil(t, "no reconnect: the failed TryWrite should have ended the connection", reopened.Load)
}
