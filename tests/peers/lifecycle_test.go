//go:build unix

package peers

import (
	"context"
	"errors"
	"net/url"
	"testing"
	"time"

	"github.com/tetherws/tether/sdk"
	"github.com/tetherws/tether/transport"
)

// testCloseRetried: the server closes the first connection with 4001 "bye".
// The client reports the code and reason, reconnects (4000–4999 are retried
// by default) and echoes on the new connection.
func testCloseRetried(t *testing.T, base string) {
	r := newRecorder()
	o := r.attach(&sdk.Options{Reconnect: fastReconnect()})
	c := dial(t, onceURL(t, base, "/close", url.Values{"code": {"4001"}, "reason": {"bye"}}), o)
	ce := waitFor[sdk.CloseEvent](t, r, nil)
	if ce.Code != 4001 || ce.Reason != "bye" || ce.Final {
		t.Fatalf("CloseEvent %+v, want 4001 \"bye\", not final", ce)
	}
	checkPeerClose(t, ce.Cause, 4001)
	re := waitFor[sdk.ReconnectingEvent](t, r, nil)
	checkPeerClose(t, re.Cause, 4001)
	waitFor(t, r, func(e sdk.OpenEvent) bool { return e.Reconnect })
	roundTrip(t, c, transport.TextMessage("back after 4001"))
}

// testCloseFinal: the server closes with 1000 "done". The close is final: no
// reconnect, the client ends Closed with the close error.
func testCloseFinal(t *testing.T, base string) {
	r := newRecorder()
	o := r.attach(&sdk.Options{Reconnect: fastReconnect()})
	c := dial(t, base+"/close?code=1000&reason=done", o)
	ce := waitFor[sdk.CloseEvent](t, r, nil)
	if ce.Code != 1000 || ce.Reason != "done" || !ce.Final {
		t.Fatalf("CloseEvent %+v, want a final 1000 \"done\"", ce)
	}
	checkPeerClose(t, ce.Cause, 1000)
	waitDone(t, c)
	if err := c.Err(); !errors.Is(err, sdk.ErrClosed) {
		t.Fatalf("Err() = %v, want ErrClosed", err)
	} else {
		checkPeerClose(t, err, 1000)
	}
	if c.State() != sdk.Closed {
		t.Fatalf("State() = %v, want Closed", c.State())
	}
	if n := len(all[sdk.ReconnectingEvent](r)); n != 0 {
		t.Fatalf("%d ReconnectingEvents after a 1000 from the server, want none; events:%s", n, r)
	}
}

// testTerminateReconnects: the server drops the first connection's TCP
// socket (no close frame) 300 ms after opening it. The client reports 1006,
// reconnects and echoes on the new connection.
func testTerminateReconnects(t *testing.T, base string) {
	r := newRecorder()
	o := r.attach(&sdk.Options{Reconnect: fastReconnect()})
	c := dial(t, onceURL(t, base, "/terminate", url.Values{"after": {"300"}}), o)
	ce := waitFor[sdk.CloseEvent](t, r, nil)
	if ce.Code != 1006 || ce.Final || ce.Cause == nil {
		t.Fatalf("CloseEvent %+v, want 1006 with a cause, not final", ce)
	}
	waitFor[sdk.ReconnectingEvent](t, r, nil)
	open := waitFor(t, r, func(e sdk.OpenEvent) bool { return e.Reconnect })
	if open.Attempt < 2 {
		t.Fatalf("reconnect OpenEvent %+v, want attempt 2 or later", open)
	}
	roundTrip(t, c, transport.TextMessage("back after a dropped connection"))
}

// testClientClose closes clients with Close and CloseWithStatus and asks the
// server, on a second connection, which code and reason it received.
func testClientClose(t *testing.T, base string) {
	tests := []struct {
		name   string
		close  func(*sdk.Client) error
		report string // the server's "CODE REASON"
	}{
		{"Close", (*sdk.Client).Close, "1000 "},
		{"4002", func(c *sdk.Client) error { return c.CloseWithStatus(4002, "client bye") }, "4002 client bye"},
		{"1001", func(c *sdk.Client) error { return c.CloseWithStatus(1001, "going away") }, "1001 going away"},
	}
	for _, tt := range tests {
		key := url.QueryEscape(t.Name() + "/" + tt.name)
		c := dial(t, base+"/echo?key="+key, nil)
		roundTrip(t, c, transport.TextMessage("before closing"))
		if err := tt.close(c); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if err := c.Err(); !errors.Is(err, sdk.ErrClosed) {
			t.Fatalf("%s: Err() = %v, want ErrClosed", tt.name, err)
		}
		probe := dial(t, base+"/closed?key="+key, nil)
		ctx, cancel := context.WithTimeout(context.Background(), ioTimeout)
		m, err := probe.Receive(ctx)
		cancel()
		if err != nil || m.Text() != tt.report {
			t.Fatalf("%s: server saw %q, %v; want %q", tt.name, m.Text(), err, tt.report)
		}
	}
}

// checkPeerClose checks that err holds a *CloseError with code, sent by the peer.
func checkPeerClose(t *testing.T, err error, code int) {
	t.Helper()
	var ce *transport.CloseError
	if !errors.As(err, &ce) || ce.Code != code || !ce.Remote {
		t.Fatalf("cause %v, want a *CloseError %d from the peer", err, code)
	}
}

// waitDone waits for the client to end by itself.
func waitDone(t *testing.T, c *sdk.Client) {
	t.Helper()
	timer := time.NewTimer(eventTimeout)
	defer timer.Stop()
	select {
	case <-c.Done():
	case <-timer.C:
		t.Fatalf("client still %v %v after a final close", c.State(), eventTimeout)
	}
}
