package sdk

import (
	"errors"
	"strings"
	"testing"

	"github.com/tetherws/tether/transport"
)

func TestServerCloseCodeAndReason(t *testing.T) {
	c := dialT(t, testServerURL(t)+"/chaos?close_after=10&code=4001&reason=bye+now", noReconnect())
	_, err := c.Receive(testCtx(t))
	var ce *transport.CloseError
	if !errors.As(err, &ce) || ce.Code != 4001 || ce.Reason != "bye now" || !ce.Remote {
		t.Fatalf("Receive error = %v, want transport.CloseError 4001 'bye now' from peer", err)
	}
	if !errors.Is(err, ErrClosed) {
		t.Errorf("terminal error does not wrap ErrClosed: %v", err)
	}
	if c.State() != Closed {
		t.Errorf("State = %v, want Closed", c.State())
	}
}

func TestServerNormalCloseStopsReconnect(t *testing.T) {
	c := dialT(t, testServerURL(t)+"/chaos?close_after=10&code=1000", nil)
	_, err := c.Receive(testCtx(t))
	var ce *transport.CloseError
	if !errors.As(err, &ce) || ce.Code != 1000 {
		t.Fatalf("err = %v, want close 1000 (not retried)", err)
	}
}

func TestMessageOverReadLimit(t *testing.T) {
	o := noReconnect()
	o.ReadLimit = 64
	c := dialT(t, testServerURL(t)+"/echo", o)
	ctx := testCtx(t)
	if err := c.Send(ctx, transport.TextMessage(strings.Repeat("a", 65))); err != nil {
		t.Fatal(err)
	}
	_, err := c.Receive(ctx)
	var ce *transport.CloseError
	if !errors.Is(err, ErrMessageTooBig) || !errors.As(err, &ce) || ce.Code != 1009 {
		t.Fatalf("err = %v, want ErrMessageTooBig with close 1009", err)
	}
}

func TestHandshakeRejected(t *testing.T) {
	_, err := Dial(testCtx(t), testServerURL(t)+"/reject?status=401", nil)
	if err == nil {
		t.Fatal("Dial succeeded against a 401")
	}
	var he *transport.HandshakeError
	if errors.As(err, &he) && he.Status != 401 {
		t.Fatalf("status = %d, want 401", he.Status)
	}
	if !errors.As(err, &he) && !isBrowserHandshakeFailure(err) {
		t.Fatalf("err = %v, want transport.HandshakeError (or a 1006 close in browsers)", err)
	}
}

func TestHandshakeRetryAfter(t *testing.T) {
	_, err := Dial(testCtx(t), testServerURL(t)+"/reject?status=503&retry_after=7", nil)
	var he *transport.HandshakeError
	if errors.As(err, &he) {
		if he.Status != 503 || he.RetryAfter.Seconds() != 7 {
			t.Fatalf("got %d retry-after %s", he.Status, he.RetryAfter)
		}
		return
	}
	if !isBrowserHandshakeFailure(err) {
		t.Fatalf("err = %v", err)
	}
}

func TestUnreachableServer(t *testing.T) {
	_, err := Dial(testCtx(t), "ws://127.0.0.1:1/?token=s3cret", nil)
	var ne *transport.NetworkError
	if !errors.As(err, &ne) {
		t.Fatalf("err = %v, want transport.NetworkError", err)
	}
	if strings.Contains(err.Error(), "s3cret") {
		t.Fatalf("error leaks the token: %v", err)
	}
}

// isBrowserHandshakeFailure reports the only thing a browser shows of a
// refused handshake: a network error wrapping close 1006.
func isBrowserHandshakeFailure(err error) bool {
	var ce *transport.CloseError
	return !protocolPings && errors.As(err, &ce) && ce.Code == 1006
}
